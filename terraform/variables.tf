# ---------------------------------------------------------------------------
# General
# ---------------------------------------------------------------------------

variable "aws_region" {
  description = "AWS region to deploy into. null = take it from the environment (AWS_REGION / profile)."
  type        = string
  default     = null

  validation {
    condition     = var.aws_region == null || can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like \"eu-west-1\" (or be null)."
  }
}

variable "name_prefix" {
  description = "Prefix for every resource name (e.g. \"staging-\"). Empty keeps the canonical names orders-queue, orders-queue-dlq, orders, orders-alerts."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^[a-z0-9-]{0,20}$", var.name_prefix))
    error_message = "name_prefix may only contain lower-case letters, digits and '-' (max 20 characters)."
  }
}

variable "tags" {
  description = "Extra tags applied to every resource via the provider's default_tags."
  type        = map(string)
  default     = {}
}

variable "kms_key_arn" {
  description = "Optional customer-managed KMS key ARN used for SQS, DynamoDB, S3 and SNS. null = AWS-managed encryption (SSE-SQS, DynamoDB AWS-managed key, SSE-S3) and a dedicated key for the alerts topic. Its key policy must allow cloudwatch.amazonaws.com to use it, or alarms cannot publish."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>) or null."
  }
}

# ---------------------------------------------------------------------------
# SQS
# ---------------------------------------------------------------------------

variable "fifo" {
  description = "Create FIFO queues (orders-queue.fifo / orders-queue-dlq.fifo) with per-message-group ordering and high-throughput mode."
  type        = bool
  default     = false
}

variable "processing_timeout_seconds" {
  description = "Longest time the service needs to process one message. The orders queue's visibility timeout is 6x this value (SQS guidance)."
  type        = number
  default     = 50

  validation {
    # 6 x 7200 = 43200 s, the SQS maximum visibility timeout.
    condition     = var.processing_timeout_seconds >= 1 && var.processing_timeout_seconds <= 7200 && floor(var.processing_timeout_seconds) == var.processing_timeout_seconds
    error_message = "processing_timeout_seconds must be a whole number between 1 and 7200 (6x must fit the 12 h SQS visibility limit)."
  }
}

variable "max_receive_count" {
  description = "How many receives a message gets before SQS moves it to the DLQ."
  type        = number
  default     = 3

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000 && floor(var.max_receive_count) == var.max_receive_count
    error_message = "max_receive_count must be a whole number between 1 and 1000."
  }
}

# ---------------------------------------------------------------------------
# DynamoDB
# ---------------------------------------------------------------------------

variable "table_name" {
  description = "Name of the orders DynamoDB table (name_prefix is prepended)."
  type        = string
  default     = "orders"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_.-]{3,200}$", var.table_name))
    error_message = "table_name must be 3-200 characters of [a-zA-Z0-9_.-]."
  }
}

variable "table_deletion_protection" {
  description = "Enable DynamoDB deletion protection on the orders table (turn off only for throw-away environments)."
  type        = bool
  default     = true
}

# ---------------------------------------------------------------------------
# S3 archive for dead letters
# ---------------------------------------------------------------------------

variable "archive_bucket_name" {
  description = "Name of the S3 bucket that archives DLQ messages. null = \"<prefix>order-router-dlq-archive-<account>-<region>\"."
  type        = string
  default     = null

  validation {
    condition     = var.archive_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.archive_bucket_name))
    error_message = "archive_bucket_name must be a valid S3 bucket name (3-63 chars, lower case, digits, '.', '-')."
  }
}

variable "archive_transition_days" {
  description = "Days after which archived objects under failed/ move to STANDARD_IA."
  type        = number
  default     = 30

  validation {
    # S3 rejects STANDARD_IA transitions earlier than 30 days.
    condition     = var.archive_transition_days >= 30 && floor(var.archive_transition_days) == var.archive_transition_days
    error_message = "archive_transition_days must be a whole number >= 30 (S3 minimum for STANDARD_IA)."
  }
}

variable "archive_expiration_days" {
  description = "Days after which archived objects under failed/ expire. Must be greater than archive_transition_days."
  type        = number
  default     = 365

  validation {
    condition     = var.archive_expiration_days >= 1 && floor(var.archive_expiration_days) == var.archive_expiration_days
    error_message = "archive_expiration_days must be a positive whole number."
  }
}

variable "archive_noncurrent_expiration_days" {
  description = "Days after which non-current (overwritten/expired) object versions are deleted; versioning would otherwise keep them forever."
  type        = number
  default     = 30

  validation {
    condition     = var.archive_noncurrent_expiration_days >= 1 && floor(var.archive_noncurrent_expiration_days) == var.archive_noncurrent_expiration_days
    error_message = "archive_noncurrent_expiration_days must be a positive whole number."
  }
}

# ---------------------------------------------------------------------------
# SNS alerts
# ---------------------------------------------------------------------------

variable "alert_emails" {
  description = "E-mail addresses subscribed to the alerts topic (each must confirm the subscription)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alert_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "Every entry of alert_emails must be an e-mail address."
  }
}

variable "alerts_dedicated_kms_key" {
  description = "When kms_key_arn is null: true = create a small customer-managed KMS key for the alerts topic that CloudWatch alarms may use; false = alias/aws/sns (no key cost, but CloudWatch alarms CANNOT publish to a topic encrypted with the AWS-managed key)."
  type        = bool
  default     = true
}

# ---------------------------------------------------------------------------
# Service / container
# ---------------------------------------------------------------------------

variable "container_image" {
  description = "Container image of the order-router service, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/order-router:1.0.0. ECR images get a pull policy scoped to that repository."
  type        = string

  validation {
    condition     = can(regex("^[^\\s]+$", var.container_image))
    error_message = "container_image must be a non-empty image reference without whitespace."
  }
}

variable "cpu" {
  description = "Fargate task CPU units (1024 = 1 vCPU)."
  type        = number
  default     = 512

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu must be one of the Fargate sizes 256, 512, 1024, 2048, 4096, 8192, 16384."
  }
}

variable "memory" {
  description = "Fargate task memory in MiB (must be a valid combination with cpu)."
  type        = number
  default     = 1024

  validation {
    condition     = var.memory >= 512 && var.memory <= 122880
    error_message = "memory must be between 512 and 122880 MiB."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture of the image: X86_64 or ARM64 (Graviton, ~20% cheaper per vCPU-hour)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "log_retention_days" {
  description = "Retention of the service's CloudWatch log group in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "log_level" {
  description = "LOG_LEVEL passed to the service."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR"], var.log_level)
    error_message = "log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR."
  }
}

variable "concurrent_consumers" {
  description = "CONCURRENT_CONSUMERS passed to the service (parallel SQS consumers per task)."
  type        = number
  default     = 10

  validation {
    condition     = var.concurrent_consumers >= 1 && var.concurrent_consumers <= 200 && floor(var.concurrent_consumers) == var.concurrent_consumers
    error_message = "concurrent_consumers must be a whole number between 1 and 200."
  }
}

variable "route_environment" {
  description = "Values of the environment variables the routes declare in routes/environment.yaml (beyond the platform's own), by name; each is passed on by a line in local.route_environment (main.tf). The service checks them at start-up."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.route_environment) : can(regex("^[A-Z][A-Z0-9_]*$", name))])
    error_message = "route_environment names must be environment variable names (A-Z 0-9 _, starting with a letter)."
  }
}

variable "shutdown_timeout_seconds" {
  description = "SHUTDOWN_TIMEOUT_SECONDS passed to the service: how long it drains in-flight messages after SIGTERM. Must be below stop_timeout_seconds."
  type        = number
  default     = 45

  validation {
    condition     = var.shutdown_timeout_seconds >= 1 && var.shutdown_timeout_seconds <= 119 && floor(var.shutdown_timeout_seconds) == var.shutdown_timeout_seconds
    error_message = "shutdown_timeout_seconds must be a whole number between 1 and 119."
  }
}

variable "stop_timeout_seconds" {
  description = "ECS stopTimeout: time between SIGTERM and SIGKILL. Must exceed shutdown_timeout_seconds so the graceful drain is never cut off (Fargate max 120)."
  type        = number
  default     = 60

  validation {
    condition     = var.stop_timeout_seconds >= 2 && var.stop_timeout_seconds <= 120 && floor(var.stop_timeout_seconds) == var.stop_timeout_seconds
    error_message = "stop_timeout_seconds must be a whole number between 2 and 120 (Fargate limit)."
  }
}

variable "management_port" {
  description = "MANAGEMENT_PORT of the service; the container health check calls http://localhost:<port>/observe/health/ready."
  type        = number
  default     = 9876

  validation {
    condition     = var.management_port >= 1024 && var.management_port <= 65535 && floor(var.management_port) == var.management_port
    error_message = "management_port must be a whole number between 1024 and 65535."
  }
}

variable "cloudwatch_metrics_enabled" {
  description = "Let the service publish its metrics to CloudWatch (namespace OrderProcessing): sets METRICS_CLOUDWATCH_ENABLED and grants cloudwatch:PutMetricData. The processing-errors alarm only has data when this is true."
  type        = bool
  default     = false
}

# ---------------------------------------------------------------------------
# Networking / scaling
# ---------------------------------------------------------------------------

variable "subnet_ids" {
  description = "Subnets for the Fargate tasks (private subnets with a NAT gateway or VPC endpoints for SQS, DynamoDB, S3, SNS, ECR, Logs, CloudWatch)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids must be a non-empty list of subnet IDs (subnet-...)."
  }
}

variable "security_group_ids" {
  description = "Security groups for the tasks. The service only needs outbound HTTPS; no inbound rule is required."
  type        = list(string)

  validation {
    condition     = length(var.security_group_ids) > 0 && alltrue([for s in var.security_group_ids : can(regex("^sg-[0-9a-f]+$", s))])
    error_message = "security_group_ids must be a non-empty list of security group IDs (sg-...)."
  }
}

variable "assign_public_ip" {
  description = "Give tasks a public IP (only for public subnets without NAT; keep false in private subnets)."
  type        = bool
  default     = false
}

variable "min_tasks" {
  description = "Minimum number of tasks (also the initial desired count). At least 1: the backlog-per-task metric divides by the running task count."
  type        = number
  default     = 1

  validation {
    condition     = var.min_tasks >= 1 && floor(var.min_tasks) == var.min_tasks
    error_message = "min_tasks must be a whole number >= 1 (backlog per task is undefined with 0 tasks)."
  }
}

variable "max_tasks" {
  description = "Maximum number of tasks auto scaling may run. Must be >= min_tasks."
  type        = number
  default     = 10

  validation {
    condition     = var.max_tasks >= 1 && var.max_tasks <= 1000 && floor(var.max_tasks) == var.max_tasks
    error_message = "max_tasks must be a whole number between 1 and 1000."
  }
}

variable "backlog_per_task_target" {
  description = "Target visible messages per running task for target-tracking scaling (roughly: what one task drains within the acceptable latency)."
  type        = number
  default     = 100

  validation {
    condition     = var.backlog_per_task_target > 0
    error_message = "backlog_per_task_target must be > 0."
  }
}

# ---------------------------------------------------------------------------
# Alarms
# ---------------------------------------------------------------------------

variable "queue_depth_alarm_threshold" {
  description = "Alarm when the orders queue's average visible messages stay above this for 2 x 5 minutes."
  type        = number
  default     = 1000

  validation {
    condition     = var.queue_depth_alarm_threshold > 0
    error_message = "queue_depth_alarm_threshold must be > 0."
  }
}

variable "oldest_message_age_alarm_seconds" {
  description = "Alarm when the oldest message in the orders queue is older than this many seconds."
  type        = number
  default     = 900

  validation {
    condition     = var.oldest_message_age_alarm_seconds >= 60
    error_message = "oldest_message_age_alarm_seconds must be >= 60."
  }
}

variable "processing_errors_alarm_threshold" {
  description = "Alarm when more than this many messages fail processing per 5 minutes, for 2 periods (needs cloudwatch_metrics_enabled)."
  type        = number
  default     = 10

  validation {
    condition     = var.processing_errors_alarm_threshold >= 0
    error_message = "processing_errors_alarm_threshold must be >= 0."
  }
}
