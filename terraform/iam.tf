# Two roles, as ECS intends: the task role is what the service's AWS SDK uses
# at run time; the execution role is only used by the ECS agent to pull the
# image and ship logs. Policies are built with jsonencode() in locals (not
# aws_iam_policy_document) so the offline tests can assert on them exactly.

locals {
  # Trust policy of the task role. The source conditions stop ECS tasks of
  # other accounts from assuming it (confused-deputy protection, as in the ECS
  # task IAM role documentation).
  task_assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EcsTasksAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:*" }
        StringEquals = { "aws:SourceAccount" = local.account_id }
      }
    }]
  })

  # Trust policy of the execution role: account condition only (the agent's
  # calls do not always carry a task source ARN).
  execution_assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EcsTasksAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })

  # Task role: exactly the calls the service makes, on exactly our resources.
  # Optional statements are null when not needed and filtered out.
  task_role_statements = [
    {
      # Consumer of the orders queue and (archive route) of the DLQ.
      Sid    = "ConsumeQueues"
      Effect = "Allow"
      Action = [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
      ]
      Resource = [aws_sqs_queue.orders.arn, aws_sqs_queue.orders_dlq.arn]
    },
    {
      # Explicit dead-lettering of poison messages by the service.
      Sid      = "SendToDlq"
      Effect   = "Allow"
      Action   = ["sqs:SendMessage"]
      Resource = [aws_sqs_queue.orders_dlq.arn]
    },
    {
      Sid      = "WriteOrders"
      Effect   = "Allow"
      Action   = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:GetItem"]
      Resource = [aws_dynamodb_table.orders.arn]
    },
    {
      # Only the archive prefix; HeadObject (s3:GetObject) before a put tells whether the
      # source message was archived and alerted on already. The service never deletes archives.
      Sid      = "ArchiveFailedOrders"
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:GetObject"]
      Resource = ["${aws_s3_bucket.archive.arn}/failed/*"]
    },
    {
      # Without it, HeadObject on a key not archived yet answers 403 instead of 404; HeadBucket
      # (the service's start-up and readiness check of the bucket) needs it too.
      Sid      = "ListArchive"
      Effect   = "Allow"
      Action   = ["s3:ListBucket"]
      Resource = [aws_s3_bucket.archive.arn]
    },
    {
      # GetTopicAttributes: the start-up and readiness check of the topic.
      Sid      = "PublishAlerts"
      Effect   = "Allow"
      Action   = ["sns:Publish", "sns:GetTopicAttributes"]
      Resource = [aws_sns_topic.alerts.arn]
    },
    # Only with a customer-managed key: SQS/S3/SNS need these to encrypt
    # (send, put, publish) and decrypt (receive). The dedicated alerts key
    # grants the task role in its own key policy instead (sns.tf).
    var.kms_key_arn == null ? null : {
      Sid      = "UseKmsKey"
      Effect   = "Allow"
      Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
      Resource = [var.kms_key_arn]
    },
    # Only when metrics publishing is on. PutMetricData has no resource-level
    # permissions, so AWS requires Resource "*"; the namespace condition
    # limits it to the service's own namespace.
    var.cloudwatch_metrics_enabled ? {
      Sid       = "PutServiceMetrics"
      Effect    = "Allow"
      Action    = ["cloudwatch:PutMetricData"]
      Resource  = ["*"]
      Condition = { StringEquals = { "cloudwatch:namespace" = local.metrics_namespace } }
    } : null,
  ]

  task_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [for s in local.task_role_statements : s if s != null]
  })

  # If the image lives in ECR, scope image pulls to that repository.
  # Captures: account, region, repository name.
  ecr_image_match    = try(regex("^([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)", var.container_image), null)
  ecr_repository_arn = local.ecr_image_match == null ? null : "arn:${local.partition}:ecr:${local.ecr_image_match[1]}:${local.ecr_image_match[0]}:repository/${local.ecr_image_match[2]}"

  execution_role_statements = [
    {
      # awslogs driver: write to our (pre-created) log group only.
      Sid      = "WriteLogs"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = ["${aws_cloudwatch_log_group.service.arn}:log-stream:*"]
    },
    # ECR auth tokens are account-wide: GetAuthorizationToken has no
    # resource-level permissions, so AWS requires Resource "*".
    local.ecr_repository_arn == null ? null : {
      Sid      = "EcrAuthToken"
      Effect   = "Allow"
      Action   = ["ecr:GetAuthorizationToken"]
      Resource = ["*"]
    },
    local.ecr_repository_arn == null ? null : {
      Sid      = "PullImage"
      Effect   = "Allow"
      Action   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      Resource = [local.ecr_repository_arn]
    },
  ]

  execution_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [for s in local.execution_role_statements : s if s != null]
  })
}

# Role assumed by the service's code (AWS SDK default credential chain).
resource "aws_iam_role" "task" {
  name               = "${var.name_prefix}order-router-task"
  description        = "order-router service: consume orders SQS queue, write DynamoDB, archive DLQ to S3, alert via SNS."
  assume_role_policy = local.task_assume_role_policy
}

resource "aws_iam_role_policy" "task" {
  name   = "order-router-least-privilege"
  role   = aws_iam_role.task.id
  policy = local.task_role_policy
}

# Role used by ECS/Fargate itself: image pull + log delivery. A scoped inline
# policy instead of AmazonECSTaskExecutionRolePolicy (which allows any log
# group and any ECR repository).
resource "aws_iam_role" "execution" {
  name               = "${var.name_prefix}order-router-execution"
  description        = "ECS agent for order-router: pull the image, write container logs."
  assume_role_policy = local.execution_assume_role_policy
}

resource "aws_iam_role_policy" "execution" {
  name   = "order-router-execution"
  role   = aws_iam_role.execution.id
  policy = local.execution_role_policy
}
