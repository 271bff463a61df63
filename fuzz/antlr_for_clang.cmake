# Debian's ANTLR 4.9 runtime header misc/InterpreterDataReader.h does not
# compile with clang (a member whose defaulted constructor clang deletes; g++
# accepts it). defen never uses that header, so the fuzz build puts ahead of
# the system's umbrella header antlr4-runtime.h a copy made at configure time
# without that one #include. The normal g++ build is untouched.
find_path(ANTLR4_INCLUDE_DIR antlr4-runtime.h PATH_SUFFIXES antlr4-runtime REQUIRED)
file(READ ${ANTLR4_INCLUDE_DIR}/antlr4-runtime.h DEFEN_ANTLR_UMBRELLA)
string(REPLACE "#include \"misc/InterpreterDataReader.h\"" "" DEFEN_ANTLR_UMBRELLA "${DEFEN_ANTLR_UMBRELLA}")
set(DEFEN_ANTLR_SHIM_DIR ${CMAKE_BINARY_DIR}/antlr4-clang-shim)
file(CONFIGURE OUTPUT ${DEFEN_ANTLR_SHIM_DIR}/antlr4-runtime.h CONTENT "${DEFEN_ANTLR_UMBRELLA}" @ONLY)
include_directories(BEFORE SYSTEM ${DEFEN_ANTLR_SHIM_DIR})
