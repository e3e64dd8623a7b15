# Invalid inputs must be rejected at plan time (variable validations and
# cross-variable preconditions).

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  container_image    = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/order-router:1.0.0"
  subnet_ids         = ["subnet-0a1b2c3d"]
  security_group_ids = ["sg-0a1b2c3d"]
}

run "rejects_processing_timeout_over_sqs_limit" {
  command = plan
  variables {
    processing_timeout_seconds = 7201 # 6x would exceed the 12 h visibility maximum
  }
  expect_failures = [var.processing_timeout_seconds]
}

run "rejects_zero_max_receive_count" {
  command = plan
  variables {
    max_receive_count = 0
  }
  expect_failures = [var.max_receive_count]
}

run "rejects_unknown_log_level" {
  command = plan
  variables {
    log_level = "VERBOSE"
  }
  expect_failures = [var.log_level]
}

run "rejects_malformed_kms_key_arn" {
  command = plan
  variables {
    kms_key_arn = "alias/my-key"
  }
  expect_failures = [var.kms_key_arn]
}

run "rejects_invalid_alert_email" {
  command = plan
  variables {
    alert_emails = ["not-an-email"]
  }
  expect_failures = [var.alert_emails]
}

run "rejects_transition_before_30_days" {
  command = plan
  variables {
    archive_transition_days = 10
  }
  expect_failures = [var.archive_transition_days]
}

run "rejects_invalid_fargate_cpu" {
  command = plan
  variables {
    cpu = 300
  }
  expect_failures = [var.cpu]
}

run "rejects_zero_min_tasks" {
  command = plan
  variables {
    min_tasks = 0
  }
  expect_failures = [var.min_tasks]
}

run "rejects_stop_timeout_not_above_shutdown_timeout" {
  command = plan
  variables {
    shutdown_timeout_seconds = 60
    stop_timeout_seconds     = 60
  }
  expect_failures = [aws_ecs_task_definition.this]
}

run "rejects_expiration_not_after_transition" {
  command = plan
  variables {
    archive_transition_days = 90
    archive_expiration_days = 90
  }
  expect_failures = [aws_s3_bucket_lifecycle_configuration.archive]
}

run "rejects_max_tasks_below_min_tasks" {
  command = plan
  variables {
    min_tasks = 5
    max_tasks = 2
  }
  expect_failures = [aws_appautoscaling_target.service]
}

run "rejects_bad_subnet_ids" {
  command = plan
  variables {
    subnet_ids = []
  }
  expect_failures = [var.subnet_ids]
}

run "rejects_too_long_default_bucket_name" {
  command = plan
  variables {
    name_prefix = "a-very-long-prefix-x" # 20 chars: default bucket name > 63
  }
  expect_failures = [aws_s3_bucket.archive]
}

run "rejects_route_environment_name_that_is_no_variable_name" {
  command = plan
  variables {
    route_environment = { "refunds-queue-url" = "https://sqs.eu-west-1.amazonaws.com/123456789012/refunds" }
  }
  expect_failures = [var.route_environment]
}

run "rejects_route_environment_value_main_tf_does_not_pass_on" {
  command = plan
  variables {
    route_environment = { REFUNDS_QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/refunds" }
  }
  expect_failures = [aws_ecs_task_definition.this]
}
