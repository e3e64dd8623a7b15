terraform {
  # The module itself only needs >= 1.6 (preconditions, optional attributes);
  # the offline tests in tests/ use mock_provider, which needs >= 1.7.
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.100.0 is the version in the offline filesystem mirror; stay on 5.x
      # because 6.x renames attributes used here (e.g. data.aws_region.name).
      version = "~> 5.100"
    }
  }
}

# Region and credentials come from the standard AWS environment (AWS_REGION,
# AWS_PROFILE, ...) unless aws_region is set. default_tags puts the cost/owner
# tags on every taggable resource without repeating them.
provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge({ Service = "order-router", ManagedBy = "terraform" }, var.tags)
  }
}
