// Counts heap allocations per thread for the benchmarks: every global
// operator new bumps a thread-local counter. Kept in its own translation unit
// so no call site sees the malloc/free behind new/delete.
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {
thread_local std::uint64_t tAllocations = 0;

void* allocate(std::size_t n) {
  ++tAllocations;
  return std::malloc(n ? n : 1);
}
}  // namespace

std::uint64_t allocationsOnThisThread() { return tAllocations; }

void* operator new(std::size_t n) {
  if (void* p = allocate(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = allocate(n)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
