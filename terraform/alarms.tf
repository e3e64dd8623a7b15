# Every alarm notifies the alerts topic on ALARM and (where recovery is
# meaningful) on OK, so on-call also learns when a problem clears.

# Sustained backlog: consumers are not keeping up (or scaling hit max_tasks).
resource "aws_cloudwatch_metric_alarm" "queue_depth" {
  alarm_name          = "${local.alarm_name_base}-orders-queue-depth"
  alarm_description   = "Orders queue has more than ${var.queue_depth_alarm_threshold} visible messages on average for 10 minutes."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.orders.name }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.queue_depth_alarm_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
}

# Any dead letter means an order was not processed: alert within a minute.
resource "aws_cloudwatch_metric_alarm" "dlq_not_empty" {
  alarm_name          = "${local.alarm_name_base}-orders-dlq-not-empty"
  alarm_description   = "The orders DLQ contains messages: orders failed ${var.max_receive_count} times."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.orders_dlq.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
}

# Old messages mean latency for customers even if the depth looks fine
# (e.g. stuck consumers, a hot message group on FIFO).
resource "aws_cloudwatch_metric_alarm" "oldest_message_age" {
  alarm_name          = "${local.alarm_name_base}-orders-oldest-message-age"
  alarm_description   = "Oldest message in the orders queue is older than ${var.oldest_message_age_alarm_seconds} s."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = aws_sqs_queue.orders.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.oldest_message_age_alarm_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
}

# Processing failures reported by the service itself (before they reach the
# DLQ). NOTE: the metric only exists when cloudwatch_metrics_enabled = true
# (METRICS_CLOUDWATCH_ENABLED); otherwise this alarm stays OK/INSUFFICIENT.
# The service must publish MessagesProcessed with exactly the dimension
# Status=Failure for this alarm to match.
resource "aws_cloudwatch_metric_alarm" "processing_errors" {
  alarm_name          = "${local.alarm_name_base}-processing-errors"
  alarm_description   = "More than ${var.processing_errors_alarm_threshold} failed messages per 5 minutes for 10 minutes (needs METRICS_CLOUDWATCH_ENABLED=true)."
  namespace           = local.metrics_namespace
  metric_name         = "MessagesProcessed"
  dimensions          = { Status = "Failure" }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.processing_errors_alarm_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
}

# Nothing is consuming the queue. Missing data counts as breaching: with no
# tasks Container Insights may emit nothing at all.
resource "aws_cloudwatch_metric_alarm" "no_running_tasks" {
  alarm_name          = "${local.alarm_name_base}-no-running-tasks"
  alarm_description   = "The order-router service has no running tasks."
  namespace           = "ECS/ContainerInsights"
  metric_name         = "RunningTaskCount"
  dimensions          = { ClusterName = aws_ecs_cluster.this.name, ServiceName = aws_ecs_service.this.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
}
