#!/usr/bin/env bash
# Container checks without Docker or Docker Hub (only Debian, Maven Central and npm are reachable):
#   a. installs buildah, podman, mmdebstrap, docker-compose (apt) and the pinned Dockerfile linter (npm ci)
#      and lints docker/Dockerfile (no diagnostics allowed);
#   b. validates docker/compose.yaml (docker-compose config -q) and docker/localstack-init.sh (sh -n);
#   c. builds a stand-in for the eclipse-temurin:21-jre base image from Debian packages (mmdebstrap);
#   d. packages the jar (./mvnw) and builds docker/Dockerfile with buildah on that base;
#   e. only when given an env file describing a running local AWS stack: runs the image with podman on the
#      host network, waits for /observe/health/ready, runs the image's HEALTHCHECK, stops it with SIGTERM and
#      expects exit code 143 (the JVM's status after a signal-initiated shutdown; docs/operating.md).
#
# Usage: .ci/container-check.sh [LOCAL_STACK_ENV_FILE]
#   LOCAL_STACK_ENV_FILE (or env var of that name): KEY=VALUE lines (QUEUE_URL, DLQ_URL, TABLE_NAME, DLQ_BUCKET,
#   ALERTS_TOPIC, AWS_REGION, AWS_ENDPOINT_URL_*, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ...) of a stack
#   listening on this machine's loopback. Without it step e is skipped.
# Runs as root (apt-get, mmdebstrap --mode=root, rootful buildah/podman). From any directory.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

script_start=$(date +%s)
step_start=$script_start
step() {
  local now
  now=$(date +%s)
  if [[ -n "${current_step:-}" ]]; then
    echo "== ${current_step}: $((now - step_start)) s"
  fi
  current_step="$1"
  step_start=$now
  [[ -n "$1" ]] && echo "== $1"
  return 0
}

env_file="${1:-${LOCAL_STACK_ENV_FILE:-}}"
if [[ -n "$env_file" && ! -f "$env_file" ]]; then
  echo "container-check: local stack env file '$env_file' does not exist" >&2
  exit 2
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "container-check: must run as root (apt-get, mmdebstrap --mode=root, rootful buildah/podman)" >&2
  exit 2
fi

# Names used only by this script (removed and recreated on each run).
base_image=localhost/order-router-ci/temurin-stand-in:21-jre
app_image=localhost/order-router:ci
container=order-router-ci
work_dir=$(mktemp -d /var/tmp/container-check.XXXXXX)
podman=()
cleanup() {
  if ((${#podman[@]})); then
    "${podman[@]}" rm -f -t 0 "$container" >/dev/null 2>&1 || true
  fi
  rm -rf "$work_dir"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------
step "a. tools (apt-get) and Dockerfile lint"
# buildah: image builds; podman: running the image; mmdebstrap: the base image; docker-compose: validating
# compose.yaml; uidmap/fuse-overlayfs/slirp4netns: what buildah and podman use at run time; runc: the OCI
# runtime for step e (see there).
packages=(buildah podman mmdebstrap docker-compose uidmap fuse-overlayfs slirp4netns runc curl ca-certificates awscli)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "all of ${packages[*]} already installed"
fi
buildah --version
podman --version
docker-compose version --short

command -v npm >/dev/null || { echo "container-check: npm is required (Node.js 20+, as for the build)" >&2; exit 1; }
npm ci --prefix docker/lint --no-audit --no-fund --loglevel=error
lint=docker/lint/node_modules/.bin/dockerfile-utils
"$lint" --version
echo "$lint lint docker/Dockerfile"
diagnostics=$($lint lint --json docker/Dockerfile) || true
if [[ "$diagnostics" != "[]" ]]; then
  "$lint" lint docker/Dockerfile || true
  echo "container-check: the Dockerfile linter reported the problems above" >&2
  exit 1
fi
echo "lint: no errors, no warnings"

# ---------------------------------------------------------------------------------------------------------
step "b. docker/compose.yaml and docker/localstack-init.sh"
docker-compose -f docker/compose.yaml config -q
sh -n docker/localstack-init.sh
echo "compose file valid, init script parses"

# ---------------------------------------------------------------------------------------------------------
step "c. base image $base_image (stand-in for eclipse-temurin:21-jre, from Debian packages)"
# Image storage of its own (not the machine's default store, whose driver and podman database may have
# been set up differently): overlay where the kernel and backing filesystem allow it, else vfs (slower,
# works everywhere). The driver is remembered with the store.
store_root=/var/lib/order-router-ci/containers
run_root=/run/order-router-ci/containers
storage_driver=$(cat "$store_root/.driver" 2>/dev/null || true)
if [[ -z "$storage_driver" ]]; then
  storage_driver=overlay
  if ! buildah --root "$store_root/overlay-probe" --runroot "$run_root/overlay-probe" --storage-driver overlay \
      images >/dev/null 2>"$work_dir/overlay.err"; then
    echo "overlay storage unavailable ($(head -c 300 "$work_dir/overlay.err")), using vfs"
    storage_driver=vfs
  fi
  rm -rf "$store_root/overlay-probe" "$run_root/overlay-probe"
  mkdir -p "$store_root"
  echo "$storage_driver" >"$store_root/.driver"
fi
storage=(--root "$store_root" --runroot "$run_root" --storage-driver "$storage_driver")
buildah=(buildah "${storage[@]}")
podman=(podman "${storage[@]}")
echo "storage: $storage_driver in $store_root"

# Docker Hub is unreachable, so the FROM image is rebuilt from this machine's Debian release and mirrors
# (the ones apt is configured with; no other host is reachable). Debian 12 has no Java 21 package:
# openjdk-17-jre-headless stands in for Temurin 21 there (the service targets Java 17); a release that has
# openjdk-21-jre-headless gets that. curl for the HEALTHCHECK, passwd for useradd, as in the Temurin image.
# Man pages, docs and translations are left out; man1/ must still exist for the JRE's update-alternatives.
# shellcheck disable=SC1091
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
jre=openjdk-21-jre-headless
if [[ -z "$(apt-cache madison "$jre" 2>/dev/null)" ]]; then
  jre=openjdk-17-jre-headless
fi
mirrors=()
# shellcheck disable=SC2016 # $(...) are apt's format fields
while read -r uri suite component; do
  mirrors+=("deb $uri $suite $component")
done < <(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' 'Identifier: Packages' \
           | awk -v c="$codename" '$2 == c || $2 == c "-updates" || $2 == c "-security"' | sort -u)
if ((${#mirrors[@]} == 0)); then
  echo "container-check: no Debian $codename repository found in the apt configuration" >&2
  exit 1
fi
printf 'mirror: %s\n' "${mirrors[@]}"
echo "mmdebstrap $codename with $jre"
# The hooks run in mmdebstrap with the new root as $1.
# shellcheck disable=SC2016
mmdebstrap --mode=root --variant=apt --format=tar --quiet \
  --include="$jre,curl,ca-certificates,passwd" \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='mkdir -p "$1/opt/java" && ln -s "/$(cd "$1" && ls -d usr/lib/jvm/java-*-openjdk-* | head -n 1)" "$1/opt/java/openjdk"' \
  "$codename" "$work_dir/rootfs.tar" "${mirrors[@]}"
echo "rootfs: $(du -h "$work_dir/rootfs.tar" | cut -f1)"
"${buildah[@]}" rmi -f "$base_image" >/dev/null 2>&1 || true
ctr=$("${buildah[@]}" from scratch)
"${buildah[@]}" add "$ctr" "$work_dir/rootfs.tar" / >/dev/null
# The same JAVA_HOME/PATH/locale layout as the Temurin image.
"${buildah[@]}" config \
  --env JAVA_HOME=/opt/java/openjdk \
  --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env LANG=C.UTF-8 \
  --label org.opencontainers.image.description="CI stand-in for eclipse-temurin:21-jre: Debian $codename + $jre" \
  "$ctr"
"${buildah[@]}" commit --quiet --rm "$ctr" "$base_image" >/dev/null
rm -f "$work_dir/rootfs.tar"
ctr=$("${buildah[@]}" from --pull=never "$base_image")
"${buildah[@]}" run --isolation chroot "$ctr" java -version
"${buildah[@]}" rm "$ctr" >/dev/null

# ---------------------------------------------------------------------------------------------------------
step "d. ./mvnw package and buildah build docker/Dockerfile"
./mvnw -q -B -ntp -DskipTests -DskipLocalStackInstall=true package
"${buildah[@]}" rmi -f "$app_image" >/dev/null 2>&1 || true
# --from: the Dockerfile's FROM eclipse-temurin:21-jre is replaced by the stand-in, so no registry is
# contacted and no real eclipse-temurin tag on this machine is overwritten. --format docker keeps HEALTHCHECK
# (the OCI format has no such field). chroot isolation: RUN steps need no user namespaces or network setup.
"${buildah[@]}" build --quiet --pull=never --from "$base_image" --format docker --isolation chroot \
  --ignorefile docker/Dockerfile.dockerignore -f docker/Dockerfile -t "$app_image" . >/dev/null
"${buildah[@]}" images "$app_image"
config_user=$("${buildah[@]}" inspect --type image --format '{{.Docker.Config.User}}' "$app_image")
health=$("${buildah[@]}" inspect --type image --format '{{.Docker.Config.Healthcheck.Test}}' "$app_image")
echo "image user: $config_user; healthcheck: $health"
[[ "$config_user" == "10001:10001" ]] || { echo "container-check: image does not run as 10001:10001" >&2; exit 1; }
[[ "$health" == *"/observe/health/ready"* ]] || { echo "container-check: image has no readiness HEALTHCHECK" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------
if [[ -z "$env_file" ]]; then
  step ""
  echo "== e. skipped: no local stack env file given (usage: $0 LOCAL_STACK_ENV_FILE)"
else
  step "e. the image against the local stack in $env_file (podman, host network)"
  # The management port: the env file's MANAGEMENT_PORT, else the first free one from 19876 (9876 may be
  # taken by a service the stack's owner started).
  port=$(sed -n 's/^MANAGEMENT_PORT=//p' "$env_file" | tail -n 1)
  if [[ -z "$port" ]]; then
    port=19876
    while (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  fi
  # --network host: the stack listens on this machine's loopback.
  # --runtime runc: crun refuses hosts whose cgroup v2 hierarchy has controllers next to v1 ("hybrid").
  # --ulimit: podman's defaults (1048576 files, 4194304 processes) cannot be set without CAP_SYS_RESOURCE,
  #   which sandboxed CI machines may lack; these fit within the current hard limits.
  # --health-interval disable: there is no systemd to run the HEALTHCHECK timer; it is run once by hand below.
  nofile=$(ulimit -Hn); [[ "$nofile" == unlimited || "$nofile" -gt 65536 ]] && nofile=65536
  nproc=$(ulimit -Hu); [[ "$nproc" == unlimited || "$nproc" -gt 4096 ]] && nproc=4096
  echo "(podman's 'unable to get systemd connection' messages are expected where systemd is not PID 1)"
  "${podman[@]}" --runtime runc run -d --name "$container" --network host \
    --ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc" --health-interval disable \
    --env-file "$env_file" -e MANAGEMENT_PORT="$port" "$app_image" >/dev/null
  ready=""
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/observe/health/ready"; then
      ready=yes
      break
    fi
    if [[ "$("${podman[@]}" inspect --format '{{.State.Running}}' "$container")" != "true" ]]; then
      break
    fi
    sleep 1
  done
  if [[ -z "$ready" ]]; then
    "${podman[@]}" logs "$container" 2>&1 | tail -n 60
    echo "container-check: the container did not become ready on port $port" >&2
    exit 1
  fi
  echo "ready: http://127.0.0.1:$port/observe/health/ready"
  "${podman[@]}" --runtime runc healthcheck run "$container"
  echo "image HEALTHCHECK (curl inside the container): healthy"
  # The container processes an order: sent to its queue, read back from its table (aws-cli, explicit endpoints).
  (
    set -a; source "$env_file"; set +a
    export AWS_DEFAULT_REGION="$AWS_REGION"
    order="ci-$(date +%s)"
    aws sqs send-message --endpoint-url "$AWS_ENDPOINT_URL_SQS" --queue-url "$QUEUE_URL" --message-body \
      "{\"type\":\"order_created\",\"timestamp\":\"2026-11-27T10:00:00Z\",\"data\":{\"order_id\":\"$order\",\"customer_id\":\"c-ci\",\"items\":[],\"total\":1}}" >/dev/null
    for _ in $(seq 1 60); do
      status=$(aws dynamodb get-item --endpoint-url "$AWS_ENDPOINT_URL_DYNAMODB" --table-name "$TABLE_NAME" \
        --consistent-read --key "{\"pk\":{\"S\":\"ORDER#$order\"},\"sk\":{\"S\":\"METADATA\"}}" \
        --query 'Item.status.S' --output text)
      if [[ "$status" == pending ]]; then
        echo "order $order processed by the container: DynamoDB ORDER#$order status=$status"
        exit 0
      fi
      sleep 1
    done
    echo "container-check: order $order was not stored by the container" >&2
    exit 1
  )
  # SIGTERM, as ECS and Docker send it: Camel Main drains in its shutdown hook, then the JVM exits with 143
  # (128 + SIGTERM). A SIGKILL after the -t timeout would show as 137.
  "${podman[@]}" --runtime runc stop -t 90 "$container" >/dev/null
  exit_code=$("${podman[@]}" inspect --format '{{.State.ExitCode}}' "$container")
  if [[ "$exit_code" != 143 ]]; then
    "${podman[@]}" logs "$container" 2>&1 | tail -n 60
    echo "container-check: the container exited with $exit_code after SIGTERM (expected 143)" >&2
    exit 1
  fi
  if ! "${podman[@]}" logs "$container" 2>&1 | grep -q 'Apache Camel (Main) [0-9.]* is shutdown'; then
    "${podman[@]}" logs "$container" 2>&1 | tail -n 60
    echo "container-check: no graceful shutdown logged after SIGTERM" >&2
    exit 1
  fi
  "${podman[@]}" logs "$container" 2>&1 | tail -n 5
  echo "stopped with SIGTERM, exit code 143 after a graceful shutdown"
  step ""
fi

# Drop the previous runs' images that the new tags replaced (this script's own store only).
"${buildah[@]}" rmi --prune >/dev/null 2>&1 || true
echo "== container-check passed in $(($(date +%s) - script_start)) s"
