#!/bin/sh
# Creates in LocalStack what terraform/ creates in AWS (default variables, no name_prefix), for
# docker/compose.yaml: the orders queue with its redrive policy, the DLQ, the table, the archive
# bucket and the alerts topic. Idempotent: safe to run again on a running LocalStack.
# Needs the AWS CLI v2 and AWS_ENDPOINT_URL / AWS_REGION / credentials in the environment.
set -eu

# terraform/main.tf: visibility_timeout_seconds = 6 x processing_timeout_seconds (50) = 300.
visibility=300
# 14 days, the SQS maximum (terraform/queues.tf).
retention=1209600
# terraform/variables.tf max_receive_count.
max_receive_count=3

echo "DLQ orders-queue-dlq"
dlq_url=$(aws sqs create-queue --queue-name orders-queue-dlq --output text --query QueueUrl \
  --attributes "VisibilityTimeout=$visibility,MessageRetentionPeriod=$retention,ReceiveMessageWaitTimeSeconds=20")
dlq_arn=$(aws sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn \
  --output text --query Attributes.QueueArn)

echo "queue orders-queue (redrive to $dlq_arn after $max_receive_count receives)"
redrive="{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"$max_receive_count\\\"}"
queue_url=$(aws sqs create-queue --queue-name orders-queue --output text --query QueueUrl \
  --attributes "{\"VisibilityTimeout\":\"$visibility\",\"MessageRetentionPeriod\":\"$retention\",\"ReceiveMessageWaitTimeSeconds\":\"20\",\"RedrivePolicy\":\"$redrive\"}")
queue_arn=$(aws sqs get-queue-attributes --queue-url "$queue_url" --attribute-names QueueArn \
  --output text --query Attributes.QueueArn)

# Only the orders queue may dead-letter into the DLQ (aws_sqs_queue_redrive_allow_policy). Not every SQS
# emulator knows this attribute; nothing local depends on it, so its absence is only reported.
allow="{\\\"redrivePermission\\\":\\\"byQueue\\\",\\\"sourceQueueArns\\\":[\\\"$queue_arn\\\"]}"
aws sqs set-queue-attributes --queue-url "$dlq_url" --attributes "{\"RedriveAllowPolicy\":\"$allow\"}" \
  || echo "warning: RedriveAllowPolicy not supported here, skipped"

echo "table orders (pk, sk: S; on demand)"
if ! aws dynamodb describe-table --table-name orders >/dev/null 2>&1; then
  aws dynamodb create-table --table-name orders --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
    --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE >/dev/null
  aws dynamodb wait table-exists --table-name orders
fi

echo "bucket orders-dlq-archive"
if ! aws s3api head-bucket --bucket orders-dlq-archive >/dev/null 2>&1; then
  aws s3api create-bucket --bucket orders-dlq-archive >/dev/null
fi

echo "topic orders-alerts"
aws sns create-topic --name orders-alerts --output text --query TopicArn

echo "LocalStack resources ready"
