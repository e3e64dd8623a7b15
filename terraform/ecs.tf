# Cluster with Container Insights: needed for the RunningTaskCount metric used
# by auto scaling (backlog per task) and the "no running tasks" alarm.
resource "aws_ecs_cluster" "this" {
  name = local.cluster_name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

# Container logs (awslogs driver); bounded retention keeps storage cost flat.
resource "aws_cloudwatch_log_group" "service" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
}

locals {
  container_definition = {
    name      = local.container_name
    image     = var.container_image
    essential = true

    # Sorted name/value list built from the single map in main.tf.
    environment = [
      for name in sort(keys(local.service_environment)) : {
        name  = name
        value = local.service_environment[name]
      }
    ]

    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.service.name
        "awslogs-region"        = local.region
        "awslogs-stream-prefix" = "order-router"
      }
    }

    # Readiness of the Camel routes; with no load balancer this is what ECS
    # uses for deployments (circuit breaker) and replacing sick tasks.
    # The image must contain curl.
    healthCheck = {
      command     = ["CMD-SHELL", "curl -fsS http://localhost:${var.management_port}/observe/health/ready || exit 1"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 60
    }

    # SIGTERM -> SIGKILL gap; above SHUTDOWN_TIMEOUT_SECONDS so in-flight
    # messages are finished (or their visibility released) before the kill.
    stopTimeout = var.stop_timeout_seconds

    # Tiny init as PID 1 forwards SIGTERM to the JVM and reaps zombies.
    linuxParameters = {
      initProcessEnabled = true
    }
  }
}

# Task definition: one container, awsvpc networking (required by Fargate).
resource "aws_ecs_task_definition" "this" {
  family                   = local.service_name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([local.container_definition])

  lifecycle {
    # A value for a variable local.route_environment does not pass on would be
    # dropped silently: a typo, or a route variable main.tf does not list yet.
    precondition {
      condition     = alltrue([for name in keys(var.route_environment) : contains(keys(local.route_environment), name)])
      error_message = "route_environment sets ${join(", ", [for name in keys(var.route_environment) : name if !contains(keys(local.route_environment), name)])}, which local.route_environment in main.tf does not pass to the container: add a line there for each variable routes/environment.yaml declares."
    }
    precondition {
      condition     = var.stop_timeout_seconds > var.shutdown_timeout_seconds
      error_message = "stop_timeout_seconds must be greater than shutdown_timeout_seconds, or ECS kills the task before it has drained."
    }
  }
}

# The service: a pure queue consumer, so no load balancer and no inbound
# traffic. Auto scaling owns desired_count after the first apply.
resource "aws_ecs_service" "this" {
  name             = local.service_name
  cluster          = aws_ecs_cluster.this.id
  task_definition  = aws_ecs_task_definition.this.arn
  launch_type      = "FARGATE"
  platform_version = "LATEST"
  desired_count    = var.min_tasks

  # Rolling deploys never drop below current capacity; a deployment whose
  # tasks never become healthy is rolled back automatically.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = var.security_group_ids
    assign_public_ip = var.assign_public_ip
  }

  enable_ecs_managed_tags = true
  propagate_tags          = "SERVICE"

  # Start tasks only once their permissions exist, so the first tasks do not
  # fail with AccessDenied and trip the deployment circuit breaker.
  depends_on = [aws_iam_role_policy.task, aws_iam_role_policy.execution]

  lifecycle {
    # Auto scaling changes the desired count; don't reset it on every apply.
    ignore_changes = [desired_count]
  }
}
