#include "lib/driver/table_slices.h"

#include <algorithm>
#include <utility>

namespace defen {

namespace {

class TableSlices final : public ChunkReader {
 public:
  TableSlices(Table table, std::size_t per) : table_(std::move(table)), per_(std::max<std::size_t>(1, per)) {
    for (ReadError& e : table_.errors) (e.row > 0 ? rowErrors_ : fileErrors_).push_back(std::move(e));
    table_.errors.clear();
    // By row, so each slice takes the errors of its rows with one pass.
    std::stable_sort(rowErrors_.begin(), rowErrors_.end(), [](const ReadError& a, const ReadError& b) { return a.row < b.row; });
  }

  bool next(Table& chunk) override {
    const std::size_t n = table_.records.size();
    if (done_) return false;  // the first call always gives a slice: a table of no records still has its errors
    chunk = Table{};
    chunk.columns = table_.columns;
    chunk.errors = fileErrors_;
    chunk.warnings = table_.warnings;
    const std::size_t end = std::min(n, next_ + per_);
    chunk.records.reserve(end - next_);
    for (std::size_t i = next_; i < end; ++i) chunk.records.push_back(std::move(table_.records[i]));
    next_ = end;
    const bool last = end >= n;
    const int lastRow = last ? 0 : chunk.records.back().row;
    while (nextError_ < rowErrors_.size() && (last || rowErrors_[nextError_].row <= lastRow))
      chunk.errors.push_back(std::move(rowErrors_[nextError_++]));
    done_ = last;
    return true;
  }
  std::uint64_t bytesRead() const override { return 0; }
  std::uint64_t fileSize() const override { return 0; }

 private:
  Table table_;
  std::size_t per_;
  std::vector<ReadError> fileErrors_, rowErrors_;
  std::size_t next_ = 0, nextError_ = 0;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<ChunkReader> tableSlices(Table table, std::size_t recordsPerSlice) {
  return std::make_unique<TableSlices>(std::move(table), recordsPerSlice);
}

}  // namespace defen
