// The recruitment pipeline: from a notice or vacancy to a permanent starter.
#include <cmath>

#include "model/model_events.hpp"
#include "model/workforce_model.hpp"

namespace wfsim::model {

using namespace detail;

void WorkforceModel::open_recruitment(std::uint32_t post) {
  Post& p = posts_[post];
  if (p.temporary || p.recruitment != RecruitmentStage::closed) return;
  p.recruitment_opened_at = sim_.now();
  tally_of(p).recruitments_open += 1;
  seek_applicant(post);
}

void WorkforceModel::seek_applicant(std::uint32_t post) {
  Post& p = posts_[post];
  RoleRuntime& r = roles_[p.role];
  // The council's own qualified trainees come first, then someone already seeking a
  // post in the region, then the council's applicants from outside it.
  if (!r.trainees.empty()) {
    consider_applicant(post, r.trainees.pop());
    return;
  }
  if (take_seeker(post)) return;
  if (std::isinf(r.applicant_rate)) {
    consider_applicant(post, kNone);
    return;
  }
  p.recruitment = RecruitmentStage::awaiting_applicant;
  ++markets_[r.market].awaiting_applicants;
  r.waiting_for_applicant.push(RoleRuntime::QueuedPost{post, ++p.recruitment_serial});
  if (!sim_.pending(r.applicant_event) && r.applicant_rate > 0) {
    r.applicant_event = sim_.schedule_in(exponential_delay(stream(r.authority, Process::applicants), r.applicant_rate),
                                         kPriorityDecision, kApplicant, p.role);
  }
}

void WorkforceModel::on_applicant(std::uint32_t role) {
  RoleRuntime& r = roles_[role];
  // Applicants are memoryless, so one pending arrival per role is enough: the next is
  // scheduled only while some recruitment still waits. Applicants who come forward
  // when no post is open go elsewhere.
  if (has_waiting_recruitment(r)) consider_applicant(r.waiting_for_applicant.pop().post, kNone);
  if (has_waiting_recruitment(r)) {
    r.applicant_event = sim_.schedule_in(exponential_delay(stream(r.authority, Process::applicants), r.applicant_rate),
                                         kPriorityDecision, kApplicant, role);
  }
}

bool WorkforceModel::has_waiting_recruitment(RoleRuntime& role) {
  while (!role.waiting_for_applicant.empty()) {
    const RoleRuntime::QueuedPost& q = role.waiting_for_applicant.front();
    const Post& p = posts_[q.post];
    if (p.recruitment == RecruitmentStage::awaiting_applicant && p.recruitment_serial == q.serial) return true;
    role.waiting_for_applicant.pop();  // that post found an applicant meanwhile
  }
  return false;
}

void WorkforceModel::consider_applicant(std::uint32_t post, std::uint32_t candidate) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  if (p.recruitment == RecruitmentStage::awaiting_applicant) --markets_[r.market].awaiting_applicants;
  p.recruitment = RecruitmentStage::approving;
  p.applicant_at = sim_.now();
  p.candidate = candidate;
  if (candidate != kNone) {
    workers_[candidate].state = WorkerState::candidate;
    ++candidates_;
    workers_[candidate].post = post;
  }
  p.recruitment_event =
      sim_.schedule_in(r.role->recruitment.approval_to_offer.sample(stream(r.authority, Process::recruitment)),
                       kPriorityDecision, kOfferDue, post);
}

void WorkforceModel::on_offer_due(std::uint32_t post) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  const Recruitment& rec = r.role->recruitment;
  kernel::RandomStream& s = stream(r.authority, Process::recruitment);
  AuthorityTally& t = tally_of(p);
  if (s.bernoulli(rec.offer_failure_probability)) {
    // The offer fell through: the applicant goes back to seeking, and the post needs
    // another applicant.
    t.offers_failed += 1;
    const std::uint32_t candidate = p.candidate;
    p.candidate = kNone;
    // The post looks for someone else first, and the candidate is never offered the
    // same post again straight away.
    seek_applicant(post);
    if (candidate != kNone) {
      --candidates_;
      workers_[candidate].failed_post = post;
      seek_permanent(candidate);
    }
    return;
  }
  t.offers_accepted += 1;
  t.offer_days_sum += sim_.now() - p.applicant_at;
  p.recruitment = RecruitmentStage::offer_accepted;
  p.recruitment_event = sim_.schedule_in(rec.offer_to_start.sample(s), kPriorityArrival, kReplacementReady, post);
}

void WorkforceModel::on_replacement_ready(std::uint32_t post) {
  Post& p = posts_[post];
  if (p.holder != kNone) {
    p.recruitment = RecruitmentStage::ready;  // no overlap: start when the leaver goes
    return;
  }
  start_permanent(post);
  review_cover(post);
}

void WorkforceModel::start_permanent(std::uint32_t post) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  AuthorityTally& t = tally_of(p);
  t.recruitments_open -= 1;
  t.starters_permanent += 1;
  t.start_days_sum += sim_.now() - p.applicant_at;
  t.fill_days_sum += sim_.now() - p.recruitment_opened_at;
  if (p.recruitment == RecruitmentStage::awaiting_applicant) --markets_[r.market].awaiting_applicants;
  p.recruitment = RecruitmentStage::closed;
  p.inducting_until = sim_.now() + r.induction_overlap_days;
  std::uint32_t worker = p.candidate;
  p.candidate = kNone;
  if (worker == kNone) {
    worker = new_worker(r.market, r.role->experience.sample(stream(r.authority, Process::experience)));
    flow(categories_.outside(), categories_.permanent(r.authority));
  } else {
    // From the region's pool, or an agency worker at this council converting.
    const bool from_pool = workers_[worker].state == WorkerState::candidate;
    (from_pool ? t.starters_from_pool : t.conversions) += 1;
    if (from_pool) --candidates_;
    flow(category_of(worker), categories_.permanent(r.authority));
  }
  hire_permanent(post, worker);
}

}  // namespace wfsim::model
