#include "output/chunk_codec.hpp"

#include <limits>
#include <stdexcept>

namespace wfsim::output {

ChunkEncoder::ChunkEncoder() {
  if (deflateInit(&stream_, kDeflateLevel) != Z_OK) throw std::runtime_error("zlib could not start a compressor");
}

ChunkEncoder::~ChunkEncoder() { deflateEnd(&stream_); }

void ChunkEncoder::encode(std::span<const unsigned char> bytes, std::size_t width, std::vector<unsigned char>& out) {
  const std::size_t n = bytes.size() / width;
  shuffled_.resize(n * width);
  // HDF5's shuffle filter: all first bytes, then all second bytes, and so on.
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < width; ++k) shuffled_[k * n + i] = bytes[i * width + k];
  }
  // A zlib stream like compress2's, from a stream reset rather than created. zlib counts
  // in 32 bits: a larger chunk (a block far beyond any the runner makes) is refused.
  if (shuffled_.size() > std::numeric_limits<uInt>::max() / 2)
    throw std::length_error("results chunk too large for zlib");
  if (deflateReset(&stream_) != Z_OK) throw std::runtime_error("zlib could not reset its compressor");
  out.resize(deflateBound(&stream_, static_cast<uLong>(shuffled_.size())));
  stream_.next_in = shuffled_.data();
  stream_.avail_in = static_cast<uInt>(shuffled_.size());
  stream_.next_out = out.data();
  stream_.avail_out = static_cast<uInt>(out.size());
  if (deflate(&stream_, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("zlib could not compress a results chunk");
  out.resize(stream_.total_out);
}

}  // namespace wfsim::output
