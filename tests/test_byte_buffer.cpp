// Values packed into bytes for messages between MPI ranks, and read back
// (engine/output/byte_buffer.hpp).
#include <catch2/catch.hpp>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "output/byte_buffer.hpp"

TEST_CASE("packed values and vectors read back as written, an empty vector too", "[output]") {
  wfsim::output::ByteWriter out;
  out.put<std::uint64_t>(7);
  out.put_vector(std::vector<double>{1.5, -2.25});
  out.put_vector(std::vector<std::uint32_t>{});  // read back with a null data(): UBSan's find
  out.put<std::int32_t>(-3);
  wfsim::output::ByteReader in(out.bytes());
  CHECK(in.get<std::uint64_t>() == 7);
  CHECK(in.get_vector<double>() == std::vector<double>{1.5, -2.25});
  CHECK(in.get_vector<std::uint32_t>().empty());
  CHECK(in.get<std::int32_t>() == -3);
  CHECK(in.done());
}

TEST_CASE("a message cut short, or claiming more values than it holds, is refused", "[output]") {
  wfsim::output::ByteWriter out;
  out.put_vector(std::vector<double>{1, 2, 3});
  std::vector<unsigned char> cut(out.bytes().begin(), out.bytes().end() - 1);
  wfsim::output::ByteReader short_read(cut);
  CHECK_THROWS_WITH(short_read.get_vector<double>(), "a message between processes ended early");
  // A count so large that count x 8 bytes wraps round to a small number.
  wfsim::output::ByteWriter huge;
  huge.put<std::uint64_t>((std::uint64_t{1} << 61) + 1);
  huge.put<double>(0);
  wfsim::output::ByteReader wrapped(huge.bytes());
  CHECK_THROWS_WITH(wrapped.get_vector<double>(), "a message between processes ended early");
}
