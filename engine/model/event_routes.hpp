#pragma once
// The model's event types, each routed to the component that owns it.
//
// The kernel hands the model an event whose type is an index into this table; the
// component that registered the type handles it. Components register their events
// when they are built, so there is no list of every event to edit: a new event is one
// registration in the component that owns it. Types are numbered in registration
// order; they never affect the order events run in (time, priority and scheduling
// order decide that), only which handler runs.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/event_queue.hpp"

namespace wfsim::model {

class EventRoutes {
 public:
  // A new event type, handled by `Handler` (a member function taking the event's
  // subject) of `component`; `name` describes it in errors ("an agency arrival").
  template <auto Handler, class Component>
  std::uint32_t add(Component& component, std::string_view name) {
    if (routes_.size() == kMaxTypes) throw std::logic_error("the event queue holds at most 256 event types");
    routes_.push_back(Route{&component, &call<Component, Handler>, name});
    return static_cast<std::uint32_t>(routes_.size() - 1);
  }

  void dispatch(const kernel::Event& event) const {
    const Route& route = routes_[event.type];
    route.call(route.component, event.subject);
  }

  std::string_view name(std::uint32_t type) const { return type < routes_.size() ? routes_[type].name : "?"; }

 private:
  static constexpr std::size_t kMaxTypes = 256;  // the queue packs the type in 8 bits
  template <class Component, auto Handler>
  static void call(void* component, std::uint32_t subject) {
    (static_cast<Component*>(component)->*Handler)(subject);
  }
  struct Route {
    void* component;
    void (*call)(void*, std::uint32_t);
    std::string_view name;
  };
  std::vector<Route> routes_;
};

}  // namespace wfsim::model
