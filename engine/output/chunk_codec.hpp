#pragma once
// Encodes a chunk of values exactly as HDF5's shuffle + deflate filters would,
// so chunks can be compressed on several threads and written with H5Dwrite_chunk.
// HDF5 decodes them with its own filters on reading: the file is an ordinary one.

#include <zlib.h>

#include <cstdint>
#include <span>
#include <vector>

namespace wfsim::output {

// The zlib level used for every series chunk (see docs/output-format.md).
inline constexpr int kDeflateLevel = 1;

// One encoder per thread. It keeps its zlib state and scratch buffer between chunks:
// a region writes hundreds of small chunks per block, and setting zlib up afresh for
// each (compress2 allocates and clears a quarter of a megabyte) cost more than the
// compression itself, on cores the simulation needs.
class ChunkEncoder {
 public:
  ChunkEncoder();
  ~ChunkEncoder();
  ChunkEncoder(const ChunkEncoder&) = delete;
  ChunkEncoder& operator=(const ChunkEncoder&) = delete;

  // shuffle (byte k of every value together), then deflate at kDeflateLevel into `out`.
  // `bytes` holds values `width` bytes wide each.
  void encode(std::span<const unsigned char> bytes, std::size_t width, std::vector<unsigned char>& out);

 private:
  z_stream stream_{};
  std::vector<unsigned char> shuffled_;
};

}  // namespace wfsim::output
