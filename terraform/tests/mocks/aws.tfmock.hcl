# Shared mock data for the offline tests (loaded via mock_provider "aws"
# { source = "./tests/mocks" }). A mock provider invents random strings for
# computed attributes; fixed, realistic ARNs/URLs make the assertions on
# policies, redrive targets and environment variables meaningful.

mock_data "aws_region" {
  defaults = {
    name = "eu-west-1"
  }
}

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "123456789012"
  }
}

mock_data "aws_partition" {
  defaults = {
    partition  = "aws"
    dns_suffix = "amazonaws.com"
  }
}

# Types with a single instance: a per-type default is unambiguous.
mock_resource "aws_dynamodb_table" {
  defaults = {
    arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
  }
}

mock_resource "aws_s3_bucket" {
  defaults = {
    arn = "arn:aws:s3:::order-router-dlq-archive-123456789012-eu-west-1"
  }
}

mock_resource "aws_sns_topic" {
  defaults = {
    arn = "arn:aws:sns:eu-west-1:123456789012:orders-alerts"
  }
}

mock_resource "aws_kms_key" {
  defaults = {
    arn    = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    key_id = "11111111-2222-3333-4444-555555555555"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/order-router"
  }
}

mock_resource "aws_ecs_cluster" {
  defaults = {
    arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/order-router"
    id  = "arn:aws:ecs:eu-west-1:123456789012:cluster/order-router"
  }
}

mock_resource "aws_ecs_task_definition" {
  defaults = {
    arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/order-router:1"
  }
}

# Types with several instances: override per resource address.
override_resource {
  target = aws_sqs_queue.orders
  values = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:orders-queue"
    url = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue"
    id  = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue"
  }
}

override_resource {
  target = aws_sqs_queue.orders_dlq
  values = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:orders-queue-dlq"
    url = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue-dlq"
    id  = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue-dlq"
  }
}

override_resource {
  target = aws_iam_role.task
  values = {
    arn = "arn:aws:iam::123456789012:role/order-router-task"
  }
}

override_resource {
  target = aws_iam_role.execution
  values = {
    arn = "arn:aws:iam::123456789012:role/order-router-execution"
  }
}
