#!/usr/bin/env bash
# Makes the toolchain that rust-toolchain.toml pins available without a download. These
# machines carry one Rust toolchain and cannot fetch another; when the installed stable is
# exactly the pinned version, it is made known under the pinned name too (the link rustup
# itself would make for a downloaded toolchain of that version).
set -euo pipefail
want=$1
home=${RUSTUP_HOME:-$HOME/.rustup}
host=$(rustc +stable -vV 2>/dev/null | sed -n 's/^host: //p')
dir=$home/toolchains/$want-$host
[ -e "$dir" ] && exit 0
have=$(rustc +stable --version | cut -d' ' -f2)
if [ "$have" != "$want" ]; then
  echo "rust-toolchain.toml pins Rust $want, but this machine's stable is $have and no other can be downloaded" >&2
  exit 1
fi
ln -s "$home/toolchains/stable-$host" "$dir"
echo "linked Rust $want to the installed stable toolchain"
