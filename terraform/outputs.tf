output "orders_queue_url" {
  description = "URL of the orders queue (QUEUE_URL)."
  value       = aws_sqs_queue.orders.url
}

output "orders_queue_arn" {
  description = "ARN of the orders queue."
  value       = aws_sqs_queue.orders.arn
}

output "dlq_url" {
  description = "URL of the orders dead-letter queue (DLQ_URL)."
  value       = aws_sqs_queue.orders_dlq.url
}

output "dlq_arn" {
  description = "ARN of the orders dead-letter queue."
  value       = aws_sqs_queue.orders_dlq.arn
}

output "table_name" {
  description = "Name of the orders DynamoDB table (TABLE_NAME)."
  value       = aws_dynamodb_table.orders.name
}

output "table_arn" {
  description = "ARN of the orders DynamoDB table."
  value       = aws_dynamodb_table.orders.arn
}

output "archive_bucket_name" {
  description = "Name of the DLQ archive bucket (DLQ_BUCKET); objects go under failed/."
  value       = aws_s3_bucket.archive.bucket
}

output "archive_bucket_arn" {
  description = "ARN of the DLQ archive bucket."
  value       = aws_s3_bucket.archive.arn
}

output "alerts_topic_arn" {
  description = "ARN of the alerts SNS topic (ALERTS_TOPIC)."
  value       = aws_sns_topic.alerts.arn
}

output "task_role_arn" {
  description = "ARN of the ECS task role the service runs as."
  value       = aws_iam_role.task.arn
}

output "execution_role_arn" {
  description = "ARN of the ECS task execution role (image pull, logs)."
  value       = aws_iam_role.execution.arn
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.this.name
}

output "log_group_name" {
  description = "CloudWatch log group of the service's containers."
  value       = aws_cloudwatch_log_group.service.name
}

output "service_environment" {
  description = "Environment variables passed to the container (no secrets)."
  value       = local.service_environment
}
