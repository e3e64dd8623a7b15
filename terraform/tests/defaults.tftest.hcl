# Default configuration (standard queues, no customer KMS key, metrics off),
# applied against a mocked AWS provider: no credentials, no network.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  container_image    = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/order-router:1.0.0"
  subnet_ids         = ["subnet-0a1b2c3d"]
  security_group_ids = ["sg-0a1b2c3d"]
}

run "queues" {
  command = apply

  assert {
    condition     = aws_sqs_queue.orders.name == "orders-queue" && aws_sqs_queue.orders_dlq.name == "orders-queue-dlq"
    error_message = "Default queue names must be orders-queue and orders-queue-dlq."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.orders.redrive_policy).deadLetterTargetArn == aws_sqs_queue.orders_dlq.arn
    error_message = "The orders queue must redrive to the DLQ ARN."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.orders.redrive_policy).deadLetterTargetArn == "arn:aws:sqs:eu-west-1:123456789012:orders-queue-dlq"
    error_message = "Redrive target is not the (mocked) DLQ ARN."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.orders.redrive_policy).maxReceiveCount == 3
    error_message = "maxReceiveCount must default to 3."
  }

  assert {
    condition     = aws_sqs_queue.orders.visibility_timeout_seconds >= 6 * var.processing_timeout_seconds && aws_sqs_queue.orders.visibility_timeout_seconds == 300
    error_message = "Visibility timeout must be 6 x processing_timeout_seconds (300 by default)."
  }

  assert {
    condition     = aws_sqs_queue.orders.message_retention_seconds == 1209600 && aws_sqs_queue.orders_dlq.message_retention_seconds == 1209600
    error_message = "Both queues must retain messages for 14 days."
  }

  assert {
    condition     = aws_sqs_queue.orders.receive_wait_time_seconds == 20 && aws_sqs_queue.orders_dlq.receive_wait_time_seconds == 20
    error_message = "Both queues must use 20 s long polling."
  }

  assert {
    condition     = aws_sqs_queue.orders.sqs_managed_sse_enabled == true && aws_sqs_queue.orders_dlq.sqs_managed_sse_enabled == true
    error_message = "Both queues must be encrypted with SSE-SQS when no KMS key is given."
  }

  assert {
    condition     = aws_sqs_queue.orders.kms_master_key_id == null && aws_sqs_queue.orders_dlq.kms_master_key_id == null
    error_message = "No KMS key may be set on the queues by default."
  }

  assert {
    condition     = !aws_sqs_queue.orders.fifo_queue && !aws_sqs_queue.orders_dlq.fifo_queue
    error_message = "Queues must be standard queues by default."
  }

  assert {
    condition = jsondecode(aws_sqs_queue_redrive_allow_policy.orders_dlq.redrive_allow_policy) == {
      redrivePermission = "byQueue"
      sourceQueueArns   = ["arn:aws:sqs:eu-west-1:123456789012:orders-queue"]
    }
    error_message = "The DLQ must allow only the orders queue as redrive source."
  }

  assert {
    condition     = aws_sqs_queue_redrive_allow_policy.orders_dlq.queue_url == aws_sqs_queue.orders_dlq.url
    error_message = "The redrive allow policy must be attached to the DLQ."
  }
}

run "table_bucket_topic" {
  command = apply

  assert {
    condition     = aws_dynamodb_table.orders.name == "orders" && aws_dynamodb_table.orders.hash_key == "pk" && aws_dynamodb_table.orders.range_key == "sk"
    error_message = "Table must be 'orders' with hash key pk and range key sk."
  }

  assert {
    condition     = toset([for a in aws_dynamodb_table.orders.attribute : "${a.name}:${a.type}"]) == toset(["pk:S", "sk:S"])
    error_message = "pk and sk must be string attributes."
  }

  assert {
    condition     = aws_dynamodb_table.orders.billing_mode == "PAY_PER_REQUEST"
    error_message = "Table must be on-demand."
  }

  assert {
    condition     = aws_dynamodb_table.orders.server_side_encryption[0].enabled && aws_dynamodb_table.orders.point_in_time_recovery[0].enabled
    error_message = "Table must have SSE and point-in-time recovery enabled."
  }

  assert {
    condition     = aws_dynamodb_table.orders.deletion_protection_enabled
    error_message = "Deletion protection must be on by default."
  }

  assert {
    condition = (
      aws_s3_bucket_public_access_block.archive.block_public_acls &&
      aws_s3_bucket_public_access_block.archive.block_public_policy &&
      aws_s3_bucket_public_access_block.archive.ignore_public_acls &&
      aws_s3_bucket_public_access_block.archive.restrict_public_buckets
    )
    error_message = "All four public access block settings must be true."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_server_side_encryption_configuration.archive.rule : r.apply_server_side_encryption_by_default[0].sse_algorithm]) == "AES256"
    error_message = "Bucket must default to SSE-S3 (AES256) without a KMS key."
  }

  assert {
    condition     = aws_s3_bucket_versioning.archive.versioning_configuration[0].status == "Enabled"
    error_message = "Bucket versioning must be enabled."
  }

  assert {
    condition = jsondecode(aws_s3_bucket_policy.archive.policy).Statement == [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::order-router-dlq-archive-123456789012-eu-west-1", "arn:aws:s3:::order-router-dlq-archive-123456789012-eu-west-1/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
    error_message = "Bucket policy must deny every non-TLS request on the bucket and its objects."
  }

  assert {
    condition     = aws_s3_bucket.archive.bucket == "order-router-dlq-archive-123456789012-eu-west-1"
    error_message = "Default bucket name must include account and region."
  }

  assert {
    condition = (
      aws_s3_bucket_lifecycle_configuration.archive.rule[0].filter[0].prefix == "failed/" &&
      one(aws_s3_bucket_lifecycle_configuration.archive.rule[0].transition).days == 30 &&
      one(aws_s3_bucket_lifecycle_configuration.archive.rule[0].transition).storage_class == "STANDARD_IA" &&
      aws_s3_bucket_lifecycle_configuration.archive.rule[0].expiration[0].days == 365
    )
    error_message = "Lifecycle on failed/ must move to STANDARD_IA after 30 days and expire after 365."
  }

  assert {
    condition = (
      aws_s3_bucket_lifecycle_configuration.archive.rule[1].filter[0].prefix == "replayed/" &&
      aws_s3_bucket_lifecycle_configuration.archive.rule[1].expiration[0].days == 365
    )
    error_message = "Replay markers under replayed/ must expire with the archive (365 days)."
  }

  assert {
    condition     = aws_sns_topic.alerts.name == "orders-alerts"
    error_message = "Alerts topic must be named orders-alerts."
  }

  assert {
    condition     = aws_sns_topic.alerts.kms_master_key_id == aws_kms_key.alerts[0].arn && aws_kms_key.alerts[0].enable_key_rotation
    error_message = "Alerts topic must be encrypted with the dedicated, rotated KMS key by default."
  }

  assert {
    condition = [for s in jsondecode(aws_kms_key.alerts[0].policy).Statement : s.Principal if s.Sid == "AllowCloudWatchAlarmsToPublish"] == [
      { Service = "cloudwatch.amazonaws.com" }
    ]
    error_message = "The alerts key must let CloudWatch alarms use it, or alarm notifications fail."
  }

  assert {
    condition = [for s in jsondecode(aws_kms_key.alerts[0].policy).Statement : s if s.Sid == "AllowOrderRouterToPublishViaSns"] == [{
      Sid       = "AllowOrderRouterToPublishViaSns"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/order-router-task" }
      Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
      Resource  = "*"
      Condition = { StringEquals = { "kms:ViaService" = "sns.eu-west-1.amazonaws.com" } }
    }]
    error_message = "The alerts key must let the task role (only via SNS) encrypt messages."
  }

  assert {
    condition     = length(aws_sns_topic_subscription.alert_email) == 0
    error_message = "No e-mail subscription without alert_emails."
  }
}

run "task_role_policy" {
  command = apply

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s.Sid] == ["ConsumeQueues", "SendToDlq", "WriteOrders", "ArchiveFailedOrders", "ListArchive", "PublishAlerts"]
    error_message = "Unexpected statements in the task role policy (no KMS/CloudWatch statements by default)."
  }

  assert {
    condition     = aws_iam_role_policy.task.role == aws_iam_role.task.id
    error_message = "The least-privilege policy must be attached to the task role."
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.task.policy).Statement == [
      {
        Sid    = "ConsumeQueues"
        Effect = "Allow"
        Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"]
        Resource = [
          "arn:aws:sqs:eu-west-1:123456789012:orders-queue",
          "arn:aws:sqs:eu-west-1:123456789012:orders-queue-dlq",
        ]
      },
      {
        Sid      = "SendToDlq"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = ["arn:aws:sqs:eu-west-1:123456789012:orders-queue-dlq"]
      },
      {
        Sid      = "WriteOrders"
        Effect   = "Allow"
        Action   = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:GetItem"]
        Resource = ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"]
      },
      {
        Sid      = "ArchiveFailedOrders"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetObject"]
        Resource = ["arn:aws:s3:::order-router-dlq-archive-123456789012-eu-west-1/failed/*"]
      },
      {
        Sid      = "ListArchive"
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = ["arn:aws:s3:::order-router-dlq-archive-123456789012-eu-west-1"]
      },
      {
        Sid      = "PublishAlerts"
        Effect   = "Allow"
        Action   = ["sns:Publish", "sns:GetTopicAttributes"]
        Resource = ["arn:aws:sns:eu-west-1:123456789012:orders-alerts"]
      },
    ]
    error_message = "Task role policy differs from the exact least-privilege statements."
  }

  assert {
    condition     = alltrue(flatten([for s in jsondecode(aws_iam_role_policy.task.policy).Statement : [for a in s.Action : !strcontains(a, "*")]]))
    error_message = "No wildcard actions allowed in the task role policy."
  }

  assert {
    condition     = !contains(flatten([for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s.Resource]), "*")
    error_message = "No '*' resource allowed in the task role policy by default."
  }

  assert {
    condition = jsondecode(aws_iam_role.task.assume_role_policy).Statement[0].Principal == { Service = "ecs-tasks.amazonaws.com" } && (
      jsondecode(aws_iam_role.task.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    )
    error_message = "Only ECS tasks of this account may assume the task role."
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.execution.policy).Statement == [
      {
        Sid      = "WriteLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/order-router:log-stream:*"]
      },
      {
        Sid      = "EcrAuthToken"
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = ["*"]
      },
      {
        Sid      = "PullImage"
        Effect   = "Allow"
        Action   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Resource = ["arn:aws:ecr:eu-west-1:123456789012:repository/order-router"]
      },
    ]
    error_message = "Execution role policy must only write our log group and pull our ECR repository."
  }
}

run "ecs_service" {
  command = apply

  assert {
    condition = tolist([for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : e.name]) == sort([
      "QUEUE_URL", "DLQ_URL", "TABLE_NAME", "DLQ_BUCKET", "ALERTS_TOPIC", "AWS_REGION", "LOG_LEVEL",
      "CONCURRENT_CONSUMERS", "VISIBILITY_TIMEOUT_SECONDS", "SHUTDOWN_TIMEOUT_SECONDS", "MANAGEMENT_PORT",
      "METRICS_CLOUDWATCH_ENABLED",
    ])
    error_message = "Container environment names must be exactly the variables the service reads."
  }

  assert {
    condition = { for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : e.name => e.value } == {
      QUEUE_URL                  = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue"
      DLQ_URL                    = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue-dlq"
      TABLE_NAME                 = "orders"
      DLQ_BUCKET                 = "order-router-dlq-archive-123456789012-eu-west-1"
      ALERTS_TOPIC               = "arn:aws:sns:eu-west-1:123456789012:orders-alerts"
      AWS_REGION                 = "eu-west-1"
      LOG_LEVEL                  = "INFO"
      CONCURRENT_CONSUMERS       = "10"
      VISIBILITY_TIMEOUT_SECONDS = "300"
      SHUTDOWN_TIMEOUT_SECONDS   = "45"
      MANAGEMENT_PORT            = "9876"
      METRICS_CLOUDWATCH_ENABLED = "false"
    }
    error_message = "Container environment values do not match the created resources and defaults."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].healthCheck.command == ["CMD-SHELL", "curl -fsS http://localhost:9876/observe/health/ready || exit 1"]
    error_message = "Health check must call the readiness endpoint on the management port."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].stopTimeout == 60
    error_message = "stopTimeout must default to 60 s (above SHUTDOWN_TIMEOUT_SECONDS=45)."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].logConfiguration.logDriver == "awslogs"
    error_message = "Container must log via the awslogs driver."
  }

  assert {
    condition = (
      aws_ecs_task_definition.this.task_role_arn == "arn:aws:iam::123456789012:role/order-router-task" &&
      aws_ecs_task_definition.this.execution_role_arn == "arn:aws:iam::123456789012:role/order-router-execution" &&
      aws_ecs_task_definition.this.cpu == "512" && aws_ecs_task_definition.this.memory == "1024"
    )
    error_message = "Task definition must use the task/execution roles and the cpu/memory variables."
  }

  assert {
    condition     = one([for s in aws_ecs_cluster.this.setting : s.value if s.name == "containerInsights"]) == "enabled"
    error_message = "Container Insights must be enabled (RunningTaskCount for scaling and alarms)."
  }

  assert {
    condition     = aws_cloudwatch_log_group.service.retention_in_days == 30
    error_message = "Log retention must default to 30 days."
  }

  assert {
    condition = (
      aws_ecs_service.this.launch_type == "FARGATE" &&
      aws_ecs_service.this.desired_count == 1 &&
      aws_ecs_service.this.network_configuration[0].assign_public_ip == false &&
      aws_ecs_service.this.network_configuration[0].subnets == toset(["subnet-0a1b2c3d"]) &&
      aws_ecs_service.this.network_configuration[0].security_groups == toset(["sg-0a1b2c3d"])
    )
    error_message = "Service must be Fargate, start at min_tasks, private, in the given subnets/SGs."
  }

  assert {
    condition     = aws_appautoscaling_target.service.min_capacity == 1 && aws_appautoscaling_target.service.max_capacity == 10
    error_message = "Scalable target must default to 1..10 tasks."
  }

  assert {
    condition     = aws_appautoscaling_target.service.resource_id == "service/order-router/order-router"
    error_message = "Scalable target must point to the service."
  }

  assert {
    condition = (
      aws_appautoscaling_policy.backlog_per_task.policy_type == "TargetTrackingScaling" &&
      aws_appautoscaling_policy.backlog_per_task.target_tracking_scaling_policy_configuration[0].target_value == 100
    )
    error_message = "Target tracking must aim at 100 messages per task by default."
  }

  assert {
    condition = {
      for m in aws_appautoscaling_policy.backlog_per_task.target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics :
      m.id => (m.expression != null ? m.expression : "${m.metric_stat[0].metric[0].namespace}/${m.metric_stat[0].metric[0].metric_name}")
      } == {
      m1 = "AWS/SQS/ApproximateNumberOfMessagesVisible"
      m2 = "ECS/ContainerInsights/RunningTaskCount"
      e1 = "m1 / m2"
    }
    error_message = "Scaling metric must be SQS visible messages / ECS running tasks."
  }

  assert {
    condition = [
      for m in aws_appautoscaling_policy.backlog_per_task.target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics :
      m.id if m.return_data
    ] == ["e1"]
    error_message = "Only the expression e1 may return data."
  }

  assert {
    condition = [
      for m in aws_appautoscaling_policy.backlog_per_task.target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics :
      { for d in m.metric_stat[0].metric[0].dimensions : d.name => d.value } if m.id == "m1"
    ] == [{ QueueName = "orders-queue" }]
    error_message = "m1 must be the orders queue's metric."
  }
}

run "alarms" {
  command = apply

  assert {
    condition = alltrue([
      for a in [
        aws_cloudwatch_metric_alarm.queue_depth,
        aws_cloudwatch_metric_alarm.dlq_not_empty,
        aws_cloudwatch_metric_alarm.oldest_message_age,
        aws_cloudwatch_metric_alarm.processing_errors,
        aws_cloudwatch_metric_alarm.no_running_tasks,
      ] : contains(a.alarm_actions, aws_sns_topic.alerts.arn) && contains(a.ok_actions, aws_sns_topic.alerts.arn)
    ])
    error_message = "Every alarm must notify the alerts topic."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.queue_depth.metric_name == "ApproximateNumberOfMessagesVisible" &&
      aws_cloudwatch_metric_alarm.queue_depth.dimensions == tomap({ QueueName = "orders-queue" }) &&
      aws_cloudwatch_metric_alarm.queue_depth.statistic == "Average" &&
      aws_cloudwatch_metric_alarm.queue_depth.threshold == 1000 &&
      aws_cloudwatch_metric_alarm.queue_depth.period == 300 &&
      aws_cloudwatch_metric_alarm.queue_depth.evaluation_periods == 2 &&
      aws_cloudwatch_metric_alarm.queue_depth.comparison_operator == "GreaterThanThreshold"
    )
    error_message = "Queue depth alarm: visible > 1000, Average, 2 x 300 s."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.dlq_not_empty.dimensions == tomap({ QueueName = "orders-queue-dlq" }) &&
      aws_cloudwatch_metric_alarm.dlq_not_empty.threshold == 0 &&
      aws_cloudwatch_metric_alarm.dlq_not_empty.comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.dlq_not_empty.period == 60 &&
      aws_cloudwatch_metric_alarm.dlq_not_empty.evaluation_periods == 1
    )
    error_message = "DLQ alarm: any visible message, 1 x 60 s."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.oldest_message_age.metric_name == "ApproximateAgeOfOldestMessage" &&
      aws_cloudwatch_metric_alarm.oldest_message_age.dimensions == tomap({ QueueName = "orders-queue" }) &&
      aws_cloudwatch_metric_alarm.oldest_message_age.threshold == 900
    )
    error_message = "Oldest message alarm: orders queue, 900 s."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.processing_errors.namespace == "OrderProcessing" &&
      aws_cloudwatch_metric_alarm.processing_errors.metric_name == "MessagesProcessed" &&
      aws_cloudwatch_metric_alarm.processing_errors.dimensions == tomap({ Status = "Failure" }) &&
      aws_cloudwatch_metric_alarm.processing_errors.statistic == "Sum" &&
      aws_cloudwatch_metric_alarm.processing_errors.threshold == 10 &&
      aws_cloudwatch_metric_alarm.processing_errors.period == 300 &&
      aws_cloudwatch_metric_alarm.processing_errors.evaluation_periods == 2 &&
      aws_cloudwatch_metric_alarm.processing_errors.treat_missing_data == "notBreaching"
    )
    error_message = "Processing errors alarm: OrderProcessing/MessagesProcessed{Status=Failure} Sum > 10, 2 x 300 s."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.no_running_tasks.namespace == "ECS/ContainerInsights" &&
      aws_cloudwatch_metric_alarm.no_running_tasks.dimensions == tomap({ ClusterName = "order-router", ServiceName = "order-router" }) &&
      aws_cloudwatch_metric_alarm.no_running_tasks.comparison_operator == "LessThanThreshold" &&
      aws_cloudwatch_metric_alarm.no_running_tasks.threshold == 1 &&
      aws_cloudwatch_metric_alarm.no_running_tasks.treat_missing_data == "breaching"
    )
    error_message = "No-running-tasks alarm: RunningTaskCount < 1, missing data breaching."
  }

  assert {
    condition     = output.alerts_topic_arn == aws_sns_topic.alerts.arn && output.orders_queue_url == aws_sqs_queue.orders.url && output.dlq_arn == aws_sqs_queue.orders_dlq.arn
    error_message = "Outputs must expose the created resources."
  }
}
