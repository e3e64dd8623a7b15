#!/usr/bin/env bash
# Offline checks of terraform/: fmt, init (provider from a local filesystem
# mirror, nothing downloaded), validate and `terraform test` with a mocked AWS
# provider (no AWS credentials or network needed).
set -euo pipefail

start=$(date +%s)
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tf_dir="$repo_root/terraform"

if ! command -v terraform >/dev/null 2>&1; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "############################################################" >&2
    echo "## ERROR: terraform is not on PATH - cannot check terraform/ ##" >&2
    echo "############################################################" >&2
    exit 1
  fi
  echo "terraform-check: terraform not on PATH, skipping (set CI=true to make this fatal)." >&2
  exit 0
fi

# Find the provider mirror: the directory that contains
# registry.terraform.io/hashicorp/aws. TF_PLUGIN_MIRROR overrides the search.
mirror="${TF_PLUGIN_MIRROR:-}"
if [[ -z "$mirror" ]]; then
  for root in /opt /usr/share /usr/local/share /usr/local/lib "$HOME/.terraform.d" "$HOME/.local/share/terraform"; do
    [[ -d "$root" ]] || continue
    hit=$(find "$root" -maxdepth 4 -type d -path '*/registry.terraform.io/hashicorp/aws' 2>/dev/null | head -n 1 || true)
    if [[ -n "$hit" ]]; then
      mirror="${hit%/registry.terraform.io/hashicorp/aws}"
      break
    fi
  done
fi
if [[ -z "$mirror" || ! -d "$mirror/registry.terraform.io/hashicorp/aws" ]]; then
  echo "terraform-check: ERROR: no provider mirror containing registry.terraform.io/hashicorp/aws found" >&2
  echo "  (searched /opt /usr/share /usr/local/share /usr/local/lib ~/.terraform.d; set TF_PLUGIN_MIRROR)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Temporary CLI config: hashicorp providers only from the mirror, never the network.
export TF_CLI_CONFIG_FILE="$work/terraformrc"
cat >"$TF_CLI_CONFIG_FILE" <<HCL
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
HCL
# Keep .terraform/ out of the repo; no prompts, no colour codes in CI logs.
export TF_DATA_DIR="$work/data"
export TF_IN_AUTOMATION=1
export TF_INPUT=0
export CHECKPOINT_DISABLE=1
unset TF_WORKSPACE
# Inputs from the caller's environment must not leak into the tests.
while read -r tf_var; do unset "$tf_var"; done < <(compgen -e | grep '^TF_VAR_' || true)

echo "== terraform $(terraform version | head -n 1 | awk '{print $2}'), provider mirror: $mirror"

echo "== terraform fmt -check -recursive"
terraform -chdir="$tf_dir" fmt -check -recursive -diff

echo "== terraform init -backend=false"
lock_args=()
if [[ -f "$tf_dir/.terraform.lock.hcl" ]]; then
  # The committed lock file must already match the mirror; never rewrite it.
  lock_args=(-lockfile=readonly)
fi
terraform -chdir="$tf_dir" init -backend=false -input=false -no-color "${lock_args[@]}" >"$work/init.log" 2>&1 || {
  cat "$work/init.log" >&2
  exit 1
}
grep -E 'Installed|Using|initialized' "$work/init.log" || true

echo "== terraform validate"
terraform -chdir="$tf_dir" validate -no-color

echo "== terraform test"
terraform -chdir="$tf_dir" test -no-color

echo "== terraform-check: OK in $(($(date +%s) - start)) s"
