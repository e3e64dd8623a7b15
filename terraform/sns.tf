# Alerts topic: receives CloudWatch alarm notifications and the service's own
# DLQ alerts (ALERTS_TOPIC).
#
# Why a dedicated KMS key by default instead of alias/aws/sns: CloudWatch
# alarms cannot publish to a topic encrypted with the AWS-managed SNS key
# (its key policy cannot be edited to let cloudwatch.amazonaws.com use it), so
# every alarm action would fail. alerts_dedicated_kms_key = false restores
# alias/aws/sns for setups that accept that trade-off.
resource "aws_sns_topic" "alerts" {
  name              = local.topic_name
  kms_master_key_id = local.alerts_kms_key_id
}

# Optional e-mail subscribers (each must click the confirmation link).
resource "aws_sns_topic_subscription" "alert_email" {
  for_each = toset(var.alert_emails)

  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = each.value
}

# Customer-managed key for the alerts topic (only when no kms_key_arn is given
# and alerts_dedicated_kms_key is true). ~1 USD/month plus requests.
resource "aws_kms_key" "alerts" {
  count = var.kms_key_arn == null && var.alerts_dedicated_kms_key ? 1 : 0

  description             = "Encrypts the ${local.topic_name} SNS topic; usable by CloudWatch alarms and the order-router task role."
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = local.alerts_key_policy
}

resource "aws_kms_alias" "alerts" {
  count = length(aws_kms_key.alerts)

  name          = "alias/${local.topic_name}"
  target_key_id = aws_kms_key.alerts[0].key_id
}

locals {
  alerts_key_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # AWS's default key policy statement: lets the account (its IAM
        # admins) manage the key. Without it the key becomes unmanageable.
        # "kms:*" / Resource "*" are required here: in a key policy "*" means
        # "this key" and the admin set must not be cut short.
        Sid       = "EnableAccountAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        # CloudWatch alarms need these two calls to publish to an encrypted topic.
        Sid       = "AllowCloudWatchAlarmsToPublish"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource  = "*"
      },
      {
        # The service publishes DLQ alerts; only through SNS, not directly.
        Sid       = "AllowOrderRouterToPublishViaSns"
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.task.arn }
        Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource  = "*"
        Condition = { StringEquals = { "kms:ViaService" = "sns.${local.region}.amazonaws.com" } }
      },
    ]
  })
}
