# deps.sh: install what building and testing need, with apt-get, when missing.
# Sourced by build-aux/run and build-aux/test.

build_packages="meson ninja-build pkg-config gcc libgtk-4-dev libglib2.0-dev libglib2.0-bin
  libsqlite3-dev libxml2-dev libzip-dev gettext desktop-file-utils appstream shared-mime-info"
test_packages="xvfb xauth dbus-daemon libxml2-utils python3 sqlite3 libgtk-4-bin poppler-utils valgrind"

missing_packages () {
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
      printf '%s ' "$package"
    fi
  done
}

ensure_packages () {
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0

  echo "Installing build dependencies: $missing"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null; then
    sudo="sudo"
  else
    echo "Missing packages ($missing) and no sudo: install them as root." >&2
    exit 1
  fi
  # Only refresh the package lists when an install needs it.
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

# Configures _build once; later runs only recompile what changed.
setup_build () {
  if [ ! -f _build/build.ninja ]; then
    meson setup _build "$@"
  elif [ $# -gt 0 ]; then
    meson configure _build "$@" >/dev/null
  fi
}
