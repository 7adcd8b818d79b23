// The SAX handler that builds a JSON document for JsonDocument::parse and refuses duplicate
// keys (private to core/src).
#pragma once

#include <algorithm>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/json_document.hpp"

namespace zonepath::detail {

using nlohmann::json;

// Builds the document and refuses an object that repeats a key: nlohmann keeps the last one,
// so `"action": "allow", ..., "action": "deny"` would silently flip a rule. A SAX handler of our
// own rather than json::parse with a callback: nlohmann 3.11's callback parser rescans the
// enclosing array after every object it closes, quadratic in the length of an array of objects
// (65,536 services took 0.8 s to read, 30 s under ASan).
class CheckedDomBuilder {
public:
  struct Found {
    std::string pointer, key;
  };

  explicit CheckedDomBuilder(json& root) : root_(root) {}

  bool null() { return scalar(nullptr); }
  bool boolean(bool v) { return scalar(v); }
  bool number_integer(json::number_integer_t v) { return scalar(v); }
  bool number_unsigned(json::number_unsigned_t v) { return scalar(v); }
  bool number_float(json::number_float_t v, const std::string&) { return scalar(v); }
  bool string(std::string& v) { return scalar(std::move(v)); }
  bool binary(json::binary_t& v) {
    return scalar(json::binary(std::move(static_cast<json::binary_t::container_type&>(v))));
  }

  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool key(std::string& k) {
    Frame& f = frames_.back();
    if (f.seen(k)) throw Found{pointer_to(k), k};
    f.key = k;
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  template <class Exception> bool parse_error(std::size_t, const std::string&, const Exception& ex) {
    throw ex;
  }

private:
  struct Frame {
    json* value = nullptr;
    std::size_t index = 0;
    std::string key;
    std::vector<std::string> keys;           // small objects: a linear scan
    std::unordered_set<std::string> key_set; // from kLinearKeys keys on
    static constexpr std::size_t kLinearKeys = 16;

    bool seen(const std::string& k) {
      if (keys.size() < kLinearKeys) {
        if (std::find(keys.begin(), keys.end(), k) != keys.end()) return true;
        keys.push_back(k);
        if (keys.size() == kLinearKeys) key_set.insert(keys.begin(), keys.end());
        return false;
      }
      return !key_set.insert(k).second;
    }
  };

  // The new value's place: the root, the next element of the open array, or the open object's
  // member under the last key. A container keeps its address while it is open: nothing is
  // added to its parent until it closes.
  json* place(json&& v) {
    if ((++events_ & 0xffff) == 0) global_cancel_token().throw_if_cancelled(); // Ctrl-C in a long parse
    if (frames_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& f = frames_.back();
    if (f.value->is_array()) {
      auto& elements = f.value->get_ref<json::array_t&>();
      elements.push_back(std::move(v));
      return &elements.back();
    }
    json& member = (*f.value)[f.key];
    member = std::move(v);
    return &member;
  }
  template <class T> bool scalar(T&& v) {
    place(json(std::forward<T>(v)));
    next();
    return true;
  }
  bool open(json::value_t type) {
    json* container = place(json(type));
    frames_.emplace_back();
    frames_.back().value = container;
    return true;
  }
  bool close() {
    frames_.pop_back();
    next();
    return true;
  }
  void next() {
    if (!frames_.empty() && frames_.back().value->is_array()) ++frames_.back().index;
  }
  std::string pointer_to(const std::string& key) const {
    std::string p;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      p += "/" + (f.value->is_array() ? std::to_string(f.index) : pointer_token(f.key));
    }
    return p + "/" + pointer_token(key);
  }

  json& root_;
  std::vector<Frame> frames_;
  std::size_t events_ = 0;
};

} // namespace zonepath::detail
