# shellcheck shell=bash
# render TEMPLATE TARGET: fills @NAME@ placeholders from the variables R_NAME (values may span
# several lines); comment lines are kept as they are. Sourced by bin/host-site.sh and
# bin/scaleout-site.sh for their server configuration templates.
render() {
  awk '/^[ \t]*[#;]/ { print; next } {
    while (match($0, /@[A-Z_]+@/)) {
      key = substr($0, RSTART + 1, RLENGTH - 2)
      $0 = substr($0, 1, RSTART - 1) ENVIRON["R_" key] substr($0, RSTART + RLENGTH)
    }
    print
  }' "$1" >"$2"
}
