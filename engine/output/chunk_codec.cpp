#include "output/chunk_codec.hpp"

#include <zlib.h>

#include <cstring>
#include <stdexcept>

namespace wfsim::output {

void encode_chunk(std::span<const double> values, std::vector<unsigned char>& shuffled,
                  std::vector<unsigned char>& out) {
  constexpr std::size_t kWidth = sizeof(double);
  const std::size_t n = values.size();
  shuffled.resize(n * kWidth);
  const auto* bytes = reinterpret_cast<const unsigned char*>(values.data());
  // HDF5's shuffle filter: all first bytes, then all second bytes, and so on.
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < kWidth; ++k) shuffled[k * n + i] = bytes[i * kWidth + k];
  }
  uLongf size = compressBound(static_cast<uLong>(shuffled.size()));
  out.resize(size);
  if (compress2(out.data(), &size, shuffled.data(), static_cast<uLong>(shuffled.size()), kDeflateLevel) != Z_OK) {
    throw std::runtime_error("zlib could not compress a results chunk");
  }
  out.resize(size);
}

}  // namespace wfsim::output
