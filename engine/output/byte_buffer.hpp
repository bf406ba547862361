#pragma once
// Plain values packed into bytes and read back, for results sent between processes
// (parallel/cluster.hpp). Both ends are the same build of wfsim on the same kind of
// machine, so values travel in memory order with no conversion.

#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace wfsim::output {

class ByteWriter {
 public:
  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    append(&value, sizeof(T));
  }
  template <class T>
  void put_vector(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<std::uint64_t>(values.size());
    append(values.data(), values.size() * sizeof(T));
  }
  std::vector<unsigned char>& bytes() { return bytes_; }

 private:
  // Not vector::insert, whose inlined copy GCC 12 took for an overflow at -O3
  // (-Wstringop-overflow, a false positive), nor memcpy from a null pointer.
  void append(const void* from, std::size_t n) {
    if (n == 0) return;
    const std::size_t at = bytes_.size();
    bytes_.resize(at + n);
    std::memcpy(bytes_.data() + at, from, n);
  }
  std::vector<unsigned char> bytes_;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const unsigned char> bytes) : bytes_(bytes) {}
  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T));
    T value;
    std::memcpy(&value, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  template <class T>
  std::vector<T> get_vector() {
    const auto n = get<std::uint64_t>();
    if (n > (bytes_.size() - at_) / sizeof(T)) need(bytes_.size() - at_ + 1);  // throws, without n x size overflowing
    std::vector<T> values(n);
    // An empty vector's data() may be null, which memcpy may not be given even for no
    // bytes (UBSan, in the MPI test of the sanitizer build).
    if (n > 0) std::memcpy(values.data(), bytes_.data() + at_, n * sizeof(T));
    at_ += n * sizeof(T);
    return values;
  }
  bool done() const { return at_ == bytes_.size(); }

 private:
  void need(std::size_t n) const {
    if (bytes_.size() - at_ < n) throw std::runtime_error("a message between processes ended early");
  }
  std::span<const unsigned char> bytes_;
  std::size_t at_ = 0;
};

}  // namespace wfsim::output
