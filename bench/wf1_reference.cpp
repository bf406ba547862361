// Copied unchanged from the workplace's shared benchmark (../shared/bench/wf1.cpp, spec
// ../shared/bench/WF1.md) so the benchmark runs from a clean clone: the hand-written loop
// that bench/run_bench.sh measures wfsim against, built with the same compiler and flags.
// Not wfsim code: left as written, warnings allowed.
// WF1 workforce DES, tight C++17 reference (see WF1.md).
// Event list: branch-free 4-ary min-heap (default), plain 4-ary heap (-DUSE_HEAP4_SIMPLE)
// or std::priority_queue (-DUSE_STD_PQ) of
// {time, post, type|stamp}. Cancellation is lazy: per-post stamps, stale events are
// popped and discarded (counted separately, not as model events).
// Usage: wf1 [reps=200] [posts=300] [seed=12345] [years=10]
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <queue>
#include <random>
#include <vector>

namespace {
constexpr double YEAR = 365.25, MONTH = YEAR / 12.0;
double HORIZON = 10 * YEAR;  // runtime: argv[4] years (default 10)
constexpr double LEAVE_RATE = 0.173 / YEAR, NOTICE = 90.0, RECRUIT_MEAN = 66.0;
constexpr double AGENCY_MEAN = 14.0, ABS_RATE = 0.1 / YEAR, ABS_MEAN = 180.0;
int NMONTHS = 120;
constexpr int FIRST_MONTH = 13;  // stats over months 13..NMONTHS

enum Type : uint32_t { NOTICE_EV, DEPART, RECRUIT, AGENCY, ABS_START, ABS_END, NTYPES };
enum Worker : uint8_t { VACANT, PRESENT, ABSENT };
enum Recruit : uint8_t { R_NONE, R_PENDING, R_READY };
enum Agency : uint8_t { A_NONE, A_BOOKED, A_PRESENT };

struct Ev {
  double t;
  uint32_t post;
  uint32_t tag;  // type in low 3 bits, stamp above
};

struct Heap4 {  // 4-ary min-heap on t
  std::vector<Ev> a;
  bool empty() const { return a.empty(); }
  const Ev& top() const { return a[0]; }
  void clear() { a.clear(); }
  void push(const Ev& e) {
    size_t i = a.size();
    a.push_back(e);
    while (i > 0) {
      size_t p = (i - 1) >> 2;
      if (a[p].t <= e.t) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = e;
  }
  void pop() {
    Ev last = a.back();
    a.pop_back();
    size_t n = a.size();
    if (n == 0) return;
    size_t i = 0;
    for (;;) {
      size_t c = 4 * i + 1;
      if (c >= n) break;
      size_t best = c;
      size_t end = c + 4 < n ? c + 4 : n;
      for (size_t k = c + 1; k < end; ++k)
        if (a[k].t < a[best].t) best = k;
      if (a[best].t >= last.t) break;
      a[i] = a[best];
      i = best;
    }
    a[i] = last;
  }
};

// 4-ary heap with +inf sentinels so the min-of-4 child selection is branch-free.
struct Heap4B {
  std::vector<Ev> a = std::vector<Ev>(5, Ev{INFINITY, 0, 0});
  size_t n = 0;
  bool empty() const { return n == 0; }
  const Ev& top() const { return a[0]; }
  void clear() { a.assign(5, Ev{INFINITY, 0, 0}); n = 0; }
  void push(const Ev& e) {
    if (a.size() < n + 5) a.resize(n + 5, Ev{INFINITY, 0, 0});
    size_t i = n++;
    while (i > 0) {
      size_t p = (i - 1) >> 2;
      if (a[p].t <= e.t) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = e;
  }
  void pop() {
    Ev last = a[--n];
    a[n].t = INFINITY;
    if (n == 0) return;
    size_t i = 0;
    for (;;) {
      size_t c = 4 * i + 1;
      if (c >= n) break;
      size_t b1 = a[c + 1].t < a[c].t ? c + 1 : c;
      size_t b2 = a[c + 3].t < a[c + 2].t ? c + 3 : c + 2;
      size_t best = a[b2].t < a[b1].t ? b2 : b1;
      if (a[best].t >= last.t) break;
      a[i] = a[best];
      i = best;
    }
    a[i] = last;
  }
};

struct StdPQ {
  struct Cmp {
    bool operator()(const Ev& x, const Ev& y) const { return x.t > y.t; }
  };
  std::priority_queue<Ev, std::vector<Ev>, Cmp> q;
  bool empty() const { return q.empty(); }
  const Ev& top() const { return q.top(); }
  void clear() { q = decltype(q)(); }
  void push(const Ev& e) { q.push(e); }
  void pop() { q.pop(); }
};

#ifdef USE_STD_PQ
using Queue = StdPQ;
#elif defined(USE_HEAP4_SIMPLE)
using Queue = Heap4;
#else
using Queue = Heap4B;  // default: fastest here
#endif

struct Post {
  Worker w = PRESENT;
  bool notice = false;
  Recruit r = R_NONE;
  Agency ag = A_NONE;
  uint32_t stamp[NTYPES] = {0, 0, 0, 0, 0, 0};
};

struct Sim {
  std::mt19937_64 rng;
  std::vector<Post> posts;
  Queue q;
  int perm = 0, agency = 0, vac_unc = 0, abs_unc = 0;  // incremental counters
  uint64_t nev[NTYPES] = {0, 0, 0, 0, 0, 0};
  uint64_t stale = 0, snaps = 0;
  double now = 0;

  explicit Sim(uint64_t seed) : rng(seed) {}

  double u01() { return ((rng() >> 11) + 0.5) * 0x1.0p-53; }  // (0,1)
  double expo(double mean) { return -std::log(u01()) * mean; }

  void sched(double t, uint32_t p, Type ty) {
#ifndef NO_HORIZON_CUT
    if (t > HORIZON) return;  // would never be processed; same RNG stream either way
#endif
    q.push(Ev{t, p, (posts[p].stamp[ty] << 3) | ty});
  }
  void cancel(uint32_t p, Type ty) { ++posts[p].stamp[ty]; }

  void start_worker(uint32_t p) {  // new permanent worker takes up post p
    Post& s = posts[p];
    s.w = PRESENT;
    s.notice = false;
    s.r = R_NONE;
    sched(now + expo(1.0 / LEAVE_RATE), p, NOTICE_EV);
    sched(now + expo(1.0 / ABS_RATE), p, ABS_START);
  }
  void book_agency(uint32_t p) {
    posts[p].ag = A_BOOKED;
    sched(now + expo(AGENCY_MEAN), p, AGENCY);
  }
  void release_agency(uint32_t p) {  // agency leaves, or its booking is cancelled
    Post& s = posts[p];
    if (s.ag == A_PRESENT) --agency;
    else if (s.ag == A_BOOKED) cancel(p, AGENCY);
    s.ag = A_NONE;
  }

  void handle(const Ev& e) {
    uint32_t p = e.post;
    Post& s = posts[p];
    switch (e.tag & 7u) {
      case NOTICE_EV:
        s.notice = true;
        s.r = R_PENDING;
        sched(now + NOTICE, p, DEPART);
        sched(now + expo(RECRUIT_MEAN), p, RECRUIT);
        break;
      case DEPART:
        if (s.w == PRESENT) cancel(p, ABS_START);
        else { cancel(p, ABS_END); if (s.ag != A_PRESENT) --abs_unc; }
        s.notice = false;
        if (s.r == R_READY) {
          release_agency(p);
          start_worker(p);  // perm unchanged: one leaves, one starts
        } else {
          --perm;
          s.w = VACANT;
          if (s.ag == A_NONE) book_agency(p);
          if (s.ag != A_PRESENT) ++vac_unc;
        }
        break;
      case RECRUIT:
        if (s.w != VACANT) {
          s.r = R_READY;
        } else {
          if (s.ag != A_PRESENT) --vac_unc;
          release_agency(p);
          ++perm;
          start_worker(p);
        }
        break;
      case AGENCY:
        s.ag = A_PRESENT;
        ++agency;
        if (s.w == VACANT) --vac_unc; else --abs_unc;
        break;
      case ABS_START:
        s.w = ABSENT;
        ++abs_unc;
        sched(now + expo(ABS_MEAN), p, ABS_END);
        book_agency(p);
        break;
      case ABS_END:
        if (s.ag != A_PRESENT) --abs_unc;
        release_agency(p);
        s.w = PRESENT;
        sched(now + expo(1.0 / ABS_RATE), p, ABS_START);
        break;
    }
  }

  // one replication; fills snapshot arrays (size NMONTHS)
  void run(int nposts, int* s_perm, int* s_ag, int* s_vu, int* s_au) {
    posts.assign(nposts, Post{});
    q.clear();
    now = 0;
    perm = nposts; agency = vac_unc = abs_unc = 0;
    for (int p = 0; p < nposts; ++p) start_worker(p);
    int m = 1;
    double next_snap = MONTH;
    while (!q.empty()) {
      Ev e = q.top();
      if (e.t > HORIZON) break;
      while (next_snap < e.t && m <= NMONTHS) {
        s_perm[m - 1] = perm; s_ag[m - 1] = agency; s_vu[m - 1] = vac_unc; s_au[m - 1] = abs_unc;
        ++snaps; ++m; next_snap = m * MONTH;
      }
      q.pop();
      if ((e.tag >> 3) != posts[e.post].stamp[e.tag & 7u]) { ++stale; continue; }
      now = e.t;
      ++nev[e.tag & 7u];
      handle(e);
    }
    while (m <= NMONTHS) {
      s_perm[m - 1] = perm; s_ag[m - 1] = agency; s_vu[m - 1] = vac_unc; s_au[m - 1] = abs_unc;
      ++snaps; ++m;
    }
#ifdef CHECK  // incremental counters must match a recount from the per-post states
    int c[4] = {0, 0, 0, 0};
    for (const Post& s : posts) {
      c[0] += s.w != VACANT;
      c[1] += s.ag == A_PRESENT;
      c[2] += s.w == VACANT && s.ag != A_PRESENT;
      c[3] += s.w == ABSENT && s.ag != A_PRESENT;
    }
    if (c[0] != perm || c[1] != agency || c[2] != vac_unc || c[3] != abs_unc) {
      std::fprintf(stderr, "CHECK failed\n");
      std::exit(1);
    }
#endif
  }
};
}  // namespace

int main(int argc, char** argv) {
  int reps = argc > 1 ? std::atoi(argv[1]) : 200;
  int nposts = argc > 2 ? std::atoi(argv[2]) : 300;
  uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 12345;
  int years = argc > 4 ? std::atoi(argv[4]) : 10;
  HORIZON = years * YEAR;
  NMONTHS = 12 * years;
  auto t0 = std::chrono::steady_clock::now();
  Sim sim(seed);
  std::vector<int> sp(NMONTHS), sa(NMONTHS), sv(NMONTHS), su(NMONTHS);
  double sum[4] = {0, 0, 0, 0}, sum2[4] = {0, 0, 0, 0};
  for (int r = 0; r < reps; ++r) {
    sim.run(nposts, sp.data(), sa.data(), sv.data(), su.data());
    double m[4] = {0, 0, 0, 0};
    for (int k = FIRST_MONTH - 1; k < NMONTHS; ++k) {
      m[0] += sp[k]; m[1] += sa[k]; m[2] += sv[k]; m[3] += su[k];
    }
    for (int j = 0; j < 4; ++j) {
      m[j] /= (NMONTHS - FIRST_MONTH + 1);
      sum[j] += m[j];
      sum2[j] += m[j] * m[j];
    }
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  uint64_t total = 0;
  for (int j = 0; j < (int)NTYPES; ++j) total += sim.nev[j];
  const char* names[4] = {"perm", "agency", "vac_unc", "abs_unc"};
  std::printf("impl=cpp%s reps=%d posts=%d years=%d seed=%llu\n",
#ifdef USE_STD_PQ
              "-std_pq",
#elif defined(USE_HEAP4_SIMPLE)
              "-heap4",
#else
              "-heap4b",
#endif
              reps, nposts, years, (unsigned long long)seed);
  for (int j = 0; j < 4; ++j) {
    double mean = sum[j] / reps, var = (sum2[j] - reps * mean * mean) / (reps - 1);
    std::printf("%s_mean=%.4f %s_se=%.4f\n", names[j], mean, names[j], std::sqrt(var / reps));
  }
  std::printf("events=%llu (notice=%llu depart=%llu recruit=%llu agency=%llu abs_start=%llu abs_end=%llu)"
              " stale_popped=%llu snapshots=%llu\n",
              (unsigned long long)total, (unsigned long long)sim.nev[0], (unsigned long long)sim.nev[1],
              (unsigned long long)sim.nev[2], (unsigned long long)sim.nev[3], (unsigned long long)sim.nev[4],
              (unsigned long long)sim.nev[5], (unsigned long long)sim.stale, (unsigned long long)sim.snaps);
  std::printf("inner_wall_s=%.4f events_per_s=%.4g\n", wall, total / wall);
  return 0;
}
