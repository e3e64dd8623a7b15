# Orders queue: the service's input. Long polling (20 s) cuts empty receives
# (cost), 14-day retention gives the most time to recover from an outage, and
# after max_receive_count failed attempts SQS moves a message to the DLQ.
resource "aws_sqs_queue" "orders" {
  name = local.queue_name

  visibility_timeout_seconds = local.visibility_timeout_seconds
  message_retention_seconds  = 1209600 # 14 days, the SQS maximum
  receive_wait_time_seconds  = 20

  # max_message_size is left to the provider: 5.100 (pinned, in the offline
  # mirror) caps it at 262144 and sends that by default, although SQS takes up
  # to 1048576 since August 2025 (provider 6.x). The service reads the queue's
  # value at start-up as its body limit, so raising it here is all it takes.

  # Encryption at rest: SSE-SQS by default (free, no key policy to manage),
  # the caller's KMS key when given. The two settings are mutually exclusive.
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300

  # FIFO: ordering per message group; explicit deduplication IDs only
  # (content-based dedup would swallow legitimately repeated orders), and
  # high-throughput mode (dedup + throughput quotas per message group).
  fifo_queue                  = var.fifo
  content_based_deduplication = var.fifo ? false : null
  deduplication_scope         = var.fifo ? "messageGroup" : null
  fifo_throughput_limit       = var.fifo ? "perMessageGroupId" : null

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
    maxReceiveCount     = var.max_receive_count
  })
}

# Dead-letter queue: holds messages the service failed to process; the
# archive route drains it to S3 and alerts via SNS. Same retention as the
# source queue (SQS keeps the original enqueue time for standard queues, so
# messages are archived promptly by the service rather than kept here).
resource "aws_sqs_queue" "orders_dlq" {
  name = local.dlq_name

  visibility_timeout_seconds = local.visibility_timeout_seconds
  message_retention_seconds  = 1209600
  receive_wait_time_seconds  = 20

  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300

  # A FIFO queue's DLQ must itself be FIFO.
  fifo_queue                  = var.fifo
  content_based_deduplication = var.fifo ? false : null
}

# Only the orders queue may use the DLQ as its dead-letter target, so another
# queue cannot silently dump its failures into our archive/alerting path.
resource "aws_sqs_queue_redrive_allow_policy" "orders_dlq" {
  queue_url = aws_sqs_queue.orders_dlq.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.orders.arn]
  })
}
