// Files written whole or not at all, never through a planted link, and temporaries
// of killed processes cleaned up (engine/output/atomic_file.hpp).
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "output/atomic_file.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/overwrite_guard.hpp"
#include "output/text_file.hpp"
#include "scratch_folder.hpp"

namespace fs = std::filesystem;
using wfsim::output::AtomicFile;

namespace {

// An empty folder for the test, inside one for the whole process, removed when it exits.
fs::path fresh_dir(const std::string& name) {
  static const test_support::ScratchFolder process("wfsim-atomic");
  const fs::path dir = process.path / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string contents(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string host() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  return name;
}

}  // namespace

TEST_CASE("a temporary's name cannot be guessed: two for one target differ", "[output][atomic]") {
  const fs::path dir = fresh_dir("names");
  const AtomicFile a((dir / "out.h5").string()), b((dir / "out.h5").string());
  CHECK(a.temporary() != b.temporary());
  CHECK(a.temporary().rfind((dir / "out.h5").string() + ".partial-" + host() + "-" + std::to_string(::getpid()) + "-",
                            0) == 0);
}

TEST_CASE("a link planted at the temporary's name is never written through", "[output][atomic]") {
  const fs::path dir = fresh_dir("links");
  const fs::path victim = dir / "victim.txt";
  std::ofstream(victim) << "precious";
  SECTION("by the text writer's exclusive create") {
    AtomicFile file((dir / "schema.json").string());
    fs::create_symlink(victim, file.temporary());
    CHECK_THROWS_AS(file.create_exclusive(), wfsim::output::OutputError);
  }
  SECTION("by HDF5's exclusive create") {
    AtomicFile file((dir / "out.h5").string());
    fs::create_symlink(victim, file.temporary());
    H5::Exception::dontPrint();
    CHECK_THROWS_AS(wfsim::output::create_exclusive(file.temporary()), H5::Exception);
  }
  CHECK(contents(victim) == "precious");
}

TEST_CASE("a failed write leaves the earlier file and no temporary", "[output][atomic]") {
  const fs::path dir = fresh_dir("verify");
  const fs::path target = dir / "out.txt";
  std::ofstream(target) << "the good one";
  {
    AtomicFile file(target.string());
    ::close(file.create_exclusive());
    CHECK_THROWS_WITH(file.commit([](const std::string&) { throw wfsim::output::OutputError("does not verify"); }),
                      "does not verify");
    CHECK_FALSE(fs::exists(file.temporary()));
  }
  CHECK(contents(target) == "the good one");
  wfsim::output::write_text_file(target.string(), "the new one", nullptr);
  CHECK(contents(target) == "the new one");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}

TEST_CASE("temporaries of dead processes on this host are removed, and live, foreign and linked ones kept",
          "[output][atomic]") {
  const fs::path dir = fresh_dir("stale");
  const std::string target = (dir / "out.h5").string();
  const std::string dead_pid = "999999999";  // above any pid_max (at most 2^22): no such process
  const std::string dead = target + ".partial-" + host() + "-" + dead_pid + "-00000000000000ab";
  const std::string dead_old_style = target + ".partial-" + dead_pid;
  const std::string alive = target + ".partial-" + host() + "-" + std::to_string(::getpid()) + "-00000000000000cd";
  const std::string foreign = target + ".partial-another-host-" + dead_pid + "-00000000000000ef";
  const std::string linked = target + ".partial-" + host() + "-" + dead_pid + "-0000000000000012";
  const std::string other_target = (dir / "other.h5").string() + ".partial-" + dead_pid;
  const std::string fresh_old_style = target + ".partial-" + std::to_string(::getpid());
  for (const auto& f : {dead, dead_old_style, fresh_old_style, alive, foreign, other_target}) std::ofstream(f) << "x";
  // An old-style name has no host, so it must also be a day old to be taken as abandoned.
  fs::last_write_time(dead_old_style, fs::file_time_type::clock::now() - std::chrono::hours(25));
  fs::create_symlink(dir / "victim", linked);
  CHECK(wfsim::output::remove_stale_temporaries(target) == 2);
  CHECK_FALSE(fs::exists(dead));
  CHECK_FALSE(fs::exists(dead_old_style));
  for (const auto& f : {alive, foreign, other_target, fresh_old_style}) CHECK(fs::exists(f));
  CHECK(fs::is_symlink(linked));
}

TEST_CASE("the temporary of a process that has ended but not been waited for is removed", "[output][atomic]") {
  // A killed writer stays a zombie until its parent waits for it, and kill(pid, 0)
  // still finds a zombie: its temporary was kept as a live writer's.
  const fs::path dir = fresh_dir("zombie");
  const std::string target = (dir / "out.h5").string();
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(0);
  const std::string left = target + ".partial-" + host() + "-" + std::to_string(child) + "-00000000000000ab";
  std::ofstream(left) << "x";
  // The child is a zombie once it has exited: its state in /proc says so.
  bool zombie = false;
  for (int tries = 0; tries < 2000 && !zombie; ++tries) {
    std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
    const std::string line((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    zombie = line.size() > line.rfind(')') + 2 && line[line.rfind(')') + 2] == 'Z';
    if (!zombie) ::usleep(1000);
  }
  const int removed = wfsim::output::remove_stale_temporaries(target);
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(zombie);
  CHECK(removed == 1);
  CHECK_FALSE(fs::exists(left));
}

TEST_CASE("a file put at the target, or changed there, while the command ran is not replaced", "[output][atomic]") {
  // The command checks what stands at its output when it begins, and may replace that
  // alone; a file written there during a run (by hand, or by another run given the
  // same -o) was replaced without a word (a review). The finished file is kept beside.
  const fs::path dir = fresh_dir("standing");
  const fs::path target = dir / "out.txt";
  const auto write = [](const fs::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
  };
  const auto finish = [](AtomicFile& file, const std::string& text) {
    const int fd = file.create_exclusive();
    REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    ::close(fd);
    file.commit();
  };
  const auto kept = [&] {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().filename().string().starts_with("out.txt.unsaved-")) found.push_back(contents(entry.path()));
    }
    return found;
  };
  {
    AtomicFile file(target.string());  // nothing there
    write(target, "put there meanwhile");
    CHECK_THROWS_WITH(finish(file, "results 1"), Catch::Contains("'" + target.string() + "' appeared while this ran") &&
                                                     Catch::Contains("not saved over it") &&
                                                     Catch::Contains("kept as '" + target.string()));
    CHECK_FALSE(fs::exists(file.temporary()));
  }
  CHECK(contents(target) == "put there meanwhile");
  CHECK(kept() == std::vector<std::string>{"results 1"});
  {
    AtomicFile file(target.string());  // that file, then changed
    write(target, "edited meanwhile, and longer");
    CHECK_THROWS_WITH(finish(file, "results 2"), Catch::Contains("was changed or replaced while this ran"));
  }
  CHECK(contents(target) == "edited meanwhile, and longer");
  {
    AtomicFile file(target.string());  // that file, then replaced by another of the same size
    const fs::path other = dir / "other.txt";
    write(other, "EDITED MEANWHILE, AND LONGER");
    fs::rename(other, target);
    CHECK_THROWS_WITH(finish(file, "results 3"), Catch::Contains("was changed or replaced while this ran"));
  }
  CHECK(contents(target) == "EDITED MEANWHILE, AND LONGER");
  {
    AtomicFile file(target.string());  // that file, its content and size kept, its time of change moved
    fs::last_write_time(target, fs::last_write_time(target) + std::chrono::seconds(2));
    CHECK_THROWS_WITH(finish(file, "results 4"), Catch::Contains("was changed or replaced while this ran"));
  }
  CHECK(kept().size() == 4);
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path() != target) fs::remove(entry.path());
  }
  {
    AtomicFile file(target.string());  // left as it was: replaced
    finish(file, "results");
  }
  CHECK(contents(target) == "results");
  {
    AtomicFile file(target.string());  // removed meanwhile: written
    fs::remove(target);
    finish(file, "results again");
  }
  CHECK(contents(target) == "results again");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}

TEST_CASE("what the command checked at its output is what counts, however late the file is made", "[output][atomic]") {
  // backtest and calibrate make their AtomicFile once the work is done: a file put at
  // the output during the work was what stood there then, and was replaced (a review).
  const fs::path dir = fresh_dir("checked");
  const fs::path target = dir / "table.csv";
  wfsim::output::check_overwrite(target.string(), wfsim::output::OutputKind::backtest, {}, false);
  std::ofstream(target) << "put there during the work";
  CHECK_THROWS_WITH(wfsim::output::write_text_file(target.string(), "the table", nullptr),
                    Catch::Contains("appeared while this ran"));
  CHECK(contents(target) == "put there during the work");
  // Taken once: the next file made there without a check compares with what stands then.
  wfsim::output::write_text_file(target.string(), "the table", nullptr);
  CHECK(contents(target) == "the table");
}
