# Orders table: generic pk/sk key schema so the service can store an order and
# related items in one partition. On-demand billing fits a bursty,
# queue-driven write pattern without capacity planning; PITR allows restoring
# any second of the last 35 days; deletion protection guards against an
# accidental destroy.
resource "aws_dynamodb_table" "orders" {
  name         = local.table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  # enabled = true: the AWS-managed key (aws/dynamodb) or, when given, the
  # caller's KMS key - visible in CloudTrail, unlike the AWS-owned default.
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  deletion_protection_enabled = var.table_deletion_protection
}
