#pragma once
// Encodes a chunk of float64 values exactly as HDF5's shuffle + deflate filters would,
// so chunks can be compressed on several threads and written with H5Dwrite_chunk.
// HDF5 decodes them with its own filters on reading: the file is an ordinary one.

#include <cstdint>
#include <span>
#include <vector>

namespace wfsim::output {

// The zlib level used for every series chunk (see docs/output-format.md).
inline constexpr int kDeflateLevel = 1;

// shuffle (byte k of every value together) then zlib's compress2 at kDeflateLevel.
void encode_chunk(std::span<const double> values, std::vector<unsigned char>& shuffled,
                  std::vector<unsigned char>& out);

}  // namespace wfsim::output
