#!/bin/sh
# The installed package as an embedder uses it (issue 8): install defen into a
# directory inside the build tree, build examples/embed against it with
# find_package(defen) and run its GoogleTest; then compile the C ABI test
# with nothing but `pkg-config --cflags --libs defen` and run it.
#
#   installed_package.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
source=$2
work=$build/embed-check
rm -rf "$work"
mkdir -p "$work"

echo "== cmake --install $build --prefix $work/install"
cmake --install "$build" --prefix "$work/install" > "$work/install.log"

# Only defen's own headers are installed, and they name no private dependency.
if grep -rlE '#include [<"](compiler|runtime|antlr4|llvm)' "$work/install/include"; then
  echo "installed headers include private headers" >&2
  exit 1
fi

echo "== examples/embed: find_package(defen), GoogleTest"
cmake -S "$source/examples/embed" -B "$work/embed" -DCMAKE_PREFIX_PATH="$work/install" -DCMAKE_BUILD_TYPE=Release \
  > "$work/configure.log" || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/embed" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
DEFEN_CACHE_DIR="$work/jit-cache" ctest --test-dir "$work/embed" --output-on-failure

echo "== the C ABI with pkg-config"
pc=$(dirname "$(find "$work/install" -name defen.pc | head -n 1)")
flags=$(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs defen)
libdir=$(PKG_CONFIG_PATH="$pc" pkg-config --variable=libdir defen)
# shellcheck disable=SC2086
cc -std=c11 -Wall -Werror -DDEFEN_SOURCE_DIR="\"$source\"" -o "$work/c_abi_test" "$source/tests/abi/c_abi_test.c" $flags -lpthread
LD_LIBRARY_PATH="$libdir" DEFEN_CACHE_DIR="$work/jit-cache" "$work/c_abi_test"
