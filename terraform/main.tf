# Shared lookups and the single source of truth for names and the container
# environment. Everything the Java service reads is defined in
# local.service_environment below.

# Current region/account/partition: used for ARNs, the awslogs driver, the
# default bucket name and AWS_REGION in the container.
data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition

  # FIFO queues must end in ".fifo"; a FIFO queue's DLQ must be FIFO as well.
  queue_suffix     = var.fifo ? ".fifo" : ""
  orders_queue_key = "${var.name_prefix}orders-queue"
  queue_name       = "${local.orders_queue_key}${local.queue_suffix}"
  dlq_name         = "${var.name_prefix}orders-queue-dlq${local.queue_suffix}"

  table_name      = "${var.name_prefix}${var.table_name}"
  topic_name      = "${var.name_prefix}orders-alerts"
  cluster_name    = "${var.name_prefix}order-router"
  service_name    = "${var.name_prefix}order-router"
  container_name  = "order-router"
  log_group_name  = "/ecs/${var.name_prefix}order-router"
  alarm_name_base = "${var.name_prefix}order-router"
  # Bucket names are global: default to one that includes account and region.
  archive_bucket_name = coalesce(var.archive_bucket_name, "${var.name_prefix}order-router-dlq-archive-${local.account_id}-${local.region}")

  # Namespace of the service's own CloudWatch metrics (must match the Java
  # side); also the only namespace the task role may write to.
  metrics_namespace = "OrderProcessing"

  # SQS recommends a visibility timeout of 6x the processing time so that a
  # message is not redelivered while a slow consumer still works on it.
  visibility_timeout_seconds = 6 * var.processing_timeout_seconds

  # KMS key used by SNS: the caller's key, else the dedicated alerts key
  # (see sns.tf for why not alias/aws/sns by default).
  alerts_kms_key_id = (
    var.kms_key_arn != null ? var.kms_key_arn :
    var.alerts_dedicated_kms_key ? aws_kms_key.alerts[0].arn : "alias/aws/sns"
  )

  # EXACTLY the environment variables the service reads: the platform's own
  # (Setting.java) and the routes' (below). No credentials: the SDK picks up
  # the task role from the ECS container credentials endpoint.
  service_environment = merge(local.platform_environment, local.route_environment)

  platform_environment = {
    QUEUE_URL                  = aws_sqs_queue.orders.url
    DLQ_URL                    = aws_sqs_queue.orders_dlq.url
    TABLE_NAME                 = aws_dynamodb_table.orders.name
    DLQ_BUCKET                 = aws_s3_bucket.archive.bucket
    ALERTS_TOPIC               = aws_sns_topic.alerts.arn
    AWS_REGION                 = local.region
    LOG_LEVEL                  = var.log_level
    CONCURRENT_CONSUMERS       = tostring(var.concurrent_consumers)
    VISIBILITY_TIMEOUT_SECONDS = tostring(aws_sqs_queue.orders.visibility_timeout_seconds)
    SHUTDOWN_TIMEOUT_SECONDS   = tostring(var.shutdown_timeout_seconds)
    MANAGEMENT_PORT            = tostring(var.management_port)
    METRICS_CLOUDWATCH_ENABLED = var.cloudwatch_metrics_enabled ? "true" : "false"
  }

  # The variables the routes read beyond the platform's: one line for each
  # entry of routes/environment.yaml (TerraformEnvironmentTest checks the two
  # lists match), valued per deployment by var.route_environment. A required
  # variable, then an optional one (empty: the declaration's default):
  #   REFUNDS_QUEUE_URL  = var.route_environment["REFUNDS_QUEUE_URL"]
  #   REFUNDS_BATCH_SIZE = lookup(var.route_environment, "REFUNDS_BATCH_SIZE", "")
  route_environment = {}
}
