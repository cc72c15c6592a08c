# Sourced by setup.sh and train-model.sh: install_debs PKG... installs the
# Debian packages that are missing (as root, or through sudo), and does
# nothing when all are there. The caller defines say and fail.

install_debs() {
  local missing=() p sudo=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  say "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "need root or sudo to install: ${missing[*]}" # optional: only when not root
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >&2 || fail "apt-get update failed"
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
    || fail "apt-get install failed for: ${missing[*]}"
}
