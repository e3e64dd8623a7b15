# Non-default variants: FIFO queues, a customer KMS key, CloudWatch metrics
# publishing, the AWS-managed SNS key, a non-ECR image and other overrides.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  container_image    = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/order-router:1.0.0"
  subnet_ids         = ["subnet-0a1b2c3d"]
  security_group_ids = ["sg-0a1b2c3d"]
}

run "fifo" {
  command = apply

  variables {
    fifo = true
  }

  override_resource {
    target = aws_sqs_queue.orders
    values = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:orders-queue.fifo"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue.fifo"
      id  = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue.fifo"
    }
  }

  override_resource {
    target = aws_sqs_queue.orders_dlq
    values = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:orders-queue-dlq.fifo"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue-dlq.fifo"
      id  = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue-dlq.fifo"
    }
  }

  assert {
    condition     = aws_sqs_queue.orders.name == "orders-queue.fifo" && aws_sqs_queue.orders_dlq.name == "orders-queue-dlq.fifo"
    error_message = "FIFO queue names must end in .fifo."
  }

  assert {
    condition     = aws_sqs_queue.orders.fifo_queue && aws_sqs_queue.orders_dlq.fifo_queue
    error_message = "Both queues must be FIFO (a FIFO queue needs a FIFO DLQ)."
  }

  assert {
    condition     = aws_sqs_queue.orders.content_based_deduplication == false && aws_sqs_queue.orders_dlq.content_based_deduplication == false
    error_message = "Content-based deduplication must be off."
  }

  assert {
    condition     = aws_sqs_queue.orders.deduplication_scope == "messageGroup" && aws_sqs_queue.orders.fifo_throughput_limit == "perMessageGroupId"
    error_message = "The orders queue must use high-throughput FIFO (messageGroup / perMessageGroupId)."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.orders.redrive_policy).deadLetterTargetArn == "arn:aws:sqs:eu-west-1:123456789012:orders-queue-dlq.fifo"
    error_message = "The FIFO queue must redrive to the FIFO DLQ."
  }

  assert {
    condition     = aws_sqs_queue.orders.sqs_managed_sse_enabled && aws_sqs_queue.orders_dlq.sqs_managed_sse_enabled
    error_message = "FIFO queues must be encrypted too."
  }

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s.Resource if s.Sid == "ConsumeQueues"] == [[
      "arn:aws:sqs:eu-west-1:123456789012:orders-queue.fifo",
      "arn:aws:sqs:eu-west-1:123456789012:orders-queue-dlq.fifo",
    ]]
    error_message = "Task role must be scoped to the FIFO queue ARNs."
  }

  assert {
    condition     = one([for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : e.value if e.name == "QUEUE_URL"]) == "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue.fifo"
    error_message = "QUEUE_URL must point to the FIFO queue."
  }
}

run "customer_kms_key" {
  command = apply

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
  }

  assert {
    # (sqs_managed_sse_enabled is left unset with a KMS key - the two conflict -
    # so its mocked value is carried over from earlier runs and not asserted.)
    condition = (
      aws_sqs_queue.orders.kms_master_key_id == var.kms_key_arn &&
      aws_sqs_queue.orders_dlq.kms_master_key_id == var.kms_key_arn &&
      aws_sqs_queue.orders.kms_data_key_reuse_period_seconds == 300
    )
    error_message = "Both queues must use the customer KMS key."
  }

  assert {
    condition     = aws_dynamodb_table.orders.server_side_encryption[0].enabled && aws_dynamodb_table.orders.server_side_encryption[0].kms_key_arn == var.kms_key_arn
    error_message = "Table must be encrypted with the customer KMS key."
  }

  assert {
    condition = one([for r in aws_s3_bucket_server_side_encryption_configuration.archive.rule : r.apply_server_side_encryption_by_default[0]]) == {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    }
    error_message = "Bucket must use SSE-KMS with the customer key."
  }

  assert {
    condition     = aws_sns_topic.alerts.kms_master_key_id == var.kms_key_arn && length(aws_kms_key.alerts) == 0
    error_message = "Topic must use the customer key; no dedicated key is created."
  }

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s if s.Sid == "UseKmsKey"] == [{
      Sid      = "UseKmsKey"
      Effect   = "Allow"
      Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
      Resource = ["arn:aws:kms:eu-west-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"]
    }]
    error_message = "Task role must get exactly GenerateDataKey/Decrypt on the given key."
  }

  assert {
    condition     = length(jsondecode(aws_iam_role_policy.task.policy).Statement) == 7
    error_message = "Only the KMS statement may be added."
  }
}

run "cloudwatch_metrics_enabled" {
  command = apply

  variables {
    cloudwatch_metrics_enabled = true
  }

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s if s.Sid == "PutServiceMetrics"] == [{
      Sid       = "PutServiceMetrics"
      Effect    = "Allow"
      Action    = ["cloudwatch:PutMetricData"]
      Resource  = ["*"]
      Condition = { StringEquals = { "cloudwatch:namespace" = "OrderProcessing" } }
    }]
    error_message = "PutMetricData must be its own statement, limited to the OrderProcessing namespace."
  }

  assert {
    condition     = length(jsondecode(aws_iam_role_policy.task.policy).Statement) == 7
    error_message = "Only the metrics statement may be added (no KMS statement without a key)."
  }

  assert {
    condition     = one([for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : e.value if e.name == "METRICS_CLOUDWATCH_ENABLED"]) == "true"
    error_message = "METRICS_CLOUDWATCH_ENABLED must be \"true\"."
  }
}

run "aws_managed_sns_key" {
  command = apply

  variables {
    alerts_dedicated_kms_key = false
  }

  assert {
    condition     = aws_sns_topic.alerts.kms_master_key_id == "alias/aws/sns" && length(aws_kms_key.alerts) == 0
    error_message = "Without the dedicated key the topic uses alias/aws/sns."
  }
}

run "overrides_and_non_ecr_image" {
  command = apply

  variables {
    name_prefix                = "staging-"
    container_image            = "ghcr.io/acme/order-router:1.2.3"
    alert_emails               = ["oncall@example.com", "team@example.com"]
    management_port            = 8081
    processing_timeout_seconds = 100
    max_receive_count          = 5
    shutdown_timeout_seconds   = 90
    stop_timeout_seconds       = 120
    min_tasks                  = 2
    max_tasks                  = 4
    assign_public_ip           = true
    archive_bucket_name        = "acme-order-archive"
  }

  assert {
    condition     = aws_sqs_queue.orders.name == "staging-orders-queue" && aws_dynamodb_table.orders.name == "staging-orders" && aws_sns_topic.alerts.name == "staging-orders-alerts"
    error_message = "name_prefix must be applied to all names."
  }

  assert {
    condition     = aws_sqs_queue.orders.visibility_timeout_seconds == 600 && jsondecode(aws_sqs_queue.orders.redrive_policy).maxReceiveCount == 5
    error_message = "Visibility timeout must follow processing_timeout_seconds; maxReceiveCount the variable."
  }

  assert {
    condition = { for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : e.name => e.value if contains(["MANAGEMENT_PORT", "VISIBILITY_TIMEOUT_SECONDS", "SHUTDOWN_TIMEOUT_SECONDS", "DLQ_BUCKET"], e.name) } == {
      MANAGEMENT_PORT            = "8081"
      VISIBILITY_TIMEOUT_SECONDS = "600"
      SHUTDOWN_TIMEOUT_SECONDS   = "90"
      DLQ_BUCKET                 = "acme-order-archive"
    }
    error_message = "Environment must follow the variables."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].healthCheck.command[1] == "curl -fsS http://localhost:8081/observe/health/ready || exit 1"
    error_message = "Health check must use management_port."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].stopTimeout == 120
    error_message = "stopTimeout must follow stop_timeout_seconds."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s.Sid] == ["WriteLogs"]
    error_message = "A non-ECR image needs no ECR permissions."
  }

  assert {
    condition     = toset([for s in aws_sns_topic_subscription.alert_email : "${s.protocol}:${s.endpoint}"]) == toset(["email:oncall@example.com", "email:team@example.com"])
    error_message = "Every alert e-mail must be subscribed."
  }

  assert {
    # desired_count stays at the value of the first apply (1): after creation
    # auto scaling owns it (lifecycle ignore_changes).
    condition     = aws_appautoscaling_target.service.min_capacity == 2 && aws_appautoscaling_target.service.max_capacity == 4 && aws_ecs_service.this.desired_count == 1
    error_message = "Scaling bounds must follow min/max_tasks; desired_count must not be reset by Terraform."
  }

  assert {
    condition     = aws_ecs_service.this.network_configuration[0].assign_public_ip
    error_message = "assign_public_ip must follow the variable."
  }
}
