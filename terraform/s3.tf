# Archive bucket for dead-lettered orders (written by the DLQ route under
# failed/). It holds customer order data, so it is private, encrypted,
# versioned and TLS-only.
resource "aws_s3_bucket" "archive" {
  bucket = local.archive_bucket_name

  lifecycle {
    precondition {
      condition     = length(local.archive_bucket_name) <= 63
      error_message = "The archive bucket name is longer than 63 characters; shorten name_prefix or set archive_bucket_name."
    }
  }
}

# Disable ACLs entirely: the bucket owner owns every object, access is policy-only.
resource "aws_s3_bucket_ownership_controls" "archive" {
  bucket = aws_s3_bucket.archive.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# No public access, ever, whatever a future policy or ACL says.
resource "aws_s3_bucket_public_access_block" "archive" {
  bucket = aws_s3_bucket.archive.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Default encryption: SSE-S3 (AES256) or SSE-KMS with the caller's key; the
# S3 bucket key cuts KMS request cost for SSE-KMS.
resource "aws_s3_bucket_server_side_encryption_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.kms_key_arn != null
  }
}

# Versioning protects archived evidence against accidental overwrite/delete.
resource "aws_s3_bucket_versioning" "archive" {
  bucket = aws_s3_bucket.archive.id

  versioning_configuration {
    status = "Enabled"
  }
}

# Deny any request not made over TLS. "s3:*" and Principal "*" are deliberate
# here: this is a Deny guard that must cover every action and caller.
resource "aws_s3_bucket_policy" "archive" {
  bucket = aws_s3_bucket.archive.id
  policy = local.archive_bucket_policy

  # Applying a policy while the public access block is being created races.
  depends_on = [aws_s3_bucket_public_access_block.archive]
}

locals {
  archive_bucket_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.archive.arn, "${aws_s3_bucket.archive.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# Archived failures are rarely read after the first weeks: move them to
# STANDARD_IA, expire them after the retention period, and clean up
# non-current versions and aborted uploads that versioning would keep forever.
resource "aws_s3_bucket_lifecycle_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id

  rule {
    id     = "archive-failed-orders"
    status = "Enabled"

    filter {
      prefix = "failed/"
    }

    transition {
      days          = var.archive_transition_days
      storage_class = "STANDARD_IA"
    }

    expiration {
      days = var.archive_expiration_days
    }

    noncurrent_version_expiration {
      noncurrent_days = var.archive_noncurrent_expiration_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  # `order-router replay` marks each replayed archive object with a small
  # object under replayed/ (replayed/failed/...). Markers expire with the
  # archive, so none outlives its object; they are too small for STANDARD_IA.
  rule {
    id     = "replay-markers"
    status = "Enabled"

    filter {
      prefix = "replayed/"
    }

    expiration {
      days = var.archive_expiration_days
    }

    noncurrent_version_expiration {
      noncurrent_days = var.archive_noncurrent_expiration_days
    }
  }

  # Lifecycle rules on a versioned bucket must follow the versioning setup.
  depends_on = [aws_s3_bucket_versioning.archive]

  lifecycle {
    precondition {
      condition     = var.archive_expiration_days > var.archive_transition_days
      error_message = "archive_expiration_days must be greater than archive_transition_days."
    }
  }
}
