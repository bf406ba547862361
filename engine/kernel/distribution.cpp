#include "kernel/distribution.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace wfsim::kernel {

namespace {
void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(what);
}
}  // namespace

Distribution Distribution::fixed(double value) {
  require(value >= 0 && std::isfinite(value), "fixed value must be finite and >= 0");
  Distribution d;
  d.family_ = Family::fixed;
  d.a_ = value;
  return d;
}

Distribution Distribution::exponential(double mean) {
  require(mean > 0 && std::isfinite(mean), "exponential mean must be finite and > 0");
  Distribution d;
  d.family_ = Family::exponential;
  d.a_ = mean;
  return d;
}

Distribution Distribution::lognormal(double mean, double sd) {
  require(mean > 0 && std::isfinite(mean), "lognormal mean must be finite and > 0");
  require(sd > 0 && std::isfinite(sd), "lognormal sd must be finite and > 0");
  Distribution d;
  d.family_ = Family::lognormal;
  const double sigma2 = std::log1p((sd * sd) / (mean * mean));
  d.a_ = std::log(mean) - 0.5 * sigma2;
  d.b_ = std::sqrt(sigma2);
  return d;
}

Distribution Distribution::gamma(double shape, double scale) {
  require(shape > 0 && std::isfinite(shape), "gamma shape must be finite and > 0");
  require(scale > 0 && std::isfinite(scale), "gamma scale must be finite and > 0");
  Distribution d;
  d.family_ = Family::gamma;
  d.a_ = shape;
  d.b_ = scale;
  return d;
}

Distribution Distribution::uniform(double low, double high) {
  require(low >= 0 && high >= low && std::isfinite(high), "uniform needs 0 <= low <= high");
  Distribution d;
  d.family_ = Family::uniform;
  d.a_ = low;
  d.b_ = high;
  return d;
}

Distribution Distribution::empirical(std::vector<double> values) {
  require(!values.empty(), "empirical distribution needs at least one value");
  for (double v : values) require(v >= 0 && std::isfinite(v), "empirical values must be >= 0");
  Distribution d;
  d.family_ = Family::empirical;
  d.values_ = std::move(values);
  return d;
}

double Distribution::sample(RandomStream& stream) const {
  switch (family_) {
    case Family::fixed: return a_;
    case Family::exponential:
      // Boost's ziggurat sampler: exact, and much faster than -log(U).
      return boost::random::exponential_distribution<double>(1.0 / a_)(stream);
    case Family::lognormal: return std::exp(a_ + b_ * boost::random::normal_distribution<double>()(stream));
    case Family::gamma: return boost::random::gamma_distribution<double>(a_, b_)(stream);
    case Family::uniform: return a_ + (b_ - a_) * stream.uniform();
    case Family::empirical: {
      const auto index = static_cast<std::size_t>(stream.uniform() * static_cast<double>(values_.size()));
      return values_[index < values_.size() ? index : values_.size() - 1];
    }
  }
  return a_;
}

double Distribution::mean() const {
  switch (family_) {
    case Family::fixed:
    case Family::exponential: return a_;
    case Family::lognormal: return std::exp(a_ + 0.5 * b_ * b_);
    case Family::gamma: return a_ * b_;
    case Family::uniform: return 0.5 * (a_ + b_);
    case Family::empirical:
      return std::accumulate(values_.begin(), values_.end(), 0.0) / static_cast<double>(values_.size());
  }
  return a_;
}

std::string Distribution::describe() const {
  std::ostringstream out;
  switch (family_) {
    case Family::fixed: out << "fixed " << a_; break;
    case Family::exponential: out << "exponential mean " << a_; break;
    case Family::lognormal: out << "lognormal mu " << a_ << " sigma " << b_; break;
    case Family::gamma: out << "gamma shape " << a_ << " scale " << b_; break;
    case Family::uniform: out << "uniform " << a_ << ".." << b_; break;
    case Family::empirical: out << "empirical of " << values_.size() << " values"; break;
  }
  return out.str();
}

}  // namespace wfsim::kernel
