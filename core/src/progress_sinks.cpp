#include "zonepath/core/progress_sinks.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "zonepath/core/numbers.hpp"
#include "zonepath/core/text_escape.hpp"

namespace zonepath {

namespace {

// 1234 -> "1234", 12345 -> "12.3k", 1.2e6 -> "1.2M": counts and rates stay short.
std::string short_number(double value) {
  if (value < 10000) return format_fixed(value, value < 10 && value != std::floor(value) ? 1 : 0);
  if (value < 1e6) return format_fixed(value / 1e3, 1) + "k";
  if (value < 1e9) return format_fixed(value / 1e6, 1) + "M";
  return format_fixed(value / 1e9, 1) + "G";
}

// h:mm:ss or m:ss.
std::string clock_time(double seconds) {
  const auto s = static_cast<long long>(std::llround(std::max(0.0, std::min(seconds, 359999.0))));
  auto two = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  if (s >= 3600) return std::to_string(s / 3600) + ":" + two(s / 60 % 60) + ":" + two(s % 60);
  return std::to_string(s / 60) + ":" + two(s % 60);
}

// Cuts at `max` bytes without splitting a UTF-8 sequence.
std::string clip(std::string text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

} // namespace

std::string format_progress_line(const ProgressEvent& e, std::size_t width) {
  std::string counts;
  if (e.total > 0) {
    const double fraction = std::min(1.0, static_cast<double>(e.done) / static_cast<double>(e.total));
    const auto filled = static_cast<std::size_t>(fraction * 20);
    counts = " [" + std::string(filled, '#') + std::string(20 - filled, '.') + "] " +
             std::to_string(static_cast<int>(fraction * 100)) + "% " + short_number(double(e.done)) + "/" +
             short_number(double(e.total));
  } else {
    counts = " " + short_number(double(e.done));
  }
  if (e.elapsed > 0 && e.done > 0) counts += " " + short_number(e.rate()) + "/s";
  if (e.eta && e.done < e.total)
    counts += " ETA " + clock_time(*e.eta);
  else
    counts += " " + clock_time(e.elapsed);
  const std::size_t room = width > counts.size() + 8 ? width - counts.size() : 8;
  return clip(terminal_escape(e.phase), room) + counts;
}

std::string progress_event_json(const ProgressEvent& e) {
  nlohmann::ordered_json j;
  j["event"] = std::string(to_string(e.kind));
  j["phase"] = e.phase;
  j["depth"] = e.depth;
  j["done"] = e.done;
  j["total"] = e.total;
  // Milliseconds are plenty, and keep the lines short.
  j["elapsed"] = std::round(e.elapsed * 1000) / 1000;
  j["eta"] = e.eta ? nlohmann::ordered_json(std::round(*e.eta * 1000) / 1000) : nlohmann::ordered_json();
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string format_timings(const std::vector<PhaseTiming>& timings, double total_seconds) {
  std::string out = "phases:";
  for (std::size_t i = 0; i < timings.size(); ++i) {
    const PhaseTiming& t = timings[i];
    out += (i ? ", " : " ") + terminal_escape(t.phase) + " " + format_fixed(t.seconds, 2) + " s";
    if (t.runs > 1) out += " (x" + std::to_string(t.runs) + ")";
  }
  if (timings.empty()) out += " none";
  return out + "; total " + format_fixed(total_seconds, 2) + " s";
}

TerminalProgressSink::TerminalProgressSink(std::FILE* out, std::size_t width, double min_redraw)
    : out_(out), width_(width), min_redraw_(min_redraw) {}

void TerminalProgressSink::on_event(const ProgressEvent& event) {
  // Between top-level phases the line is erased: whatever the command prints next (its output
  // on the same terminal) starts on a clean line.
  if (event.kind == ProgressEventKind::end && event.depth == 0) {
    finish();
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  // Updates come rate-limited already; phase edges can come in bursts (many short phases).
  if (event.kind != ProgressEventKind::update && drawn_ &&
      std::chrono::duration<double>(now - last_draw_).count() < min_redraw_)
    return;
  if (event.kind == ProgressEventKind::end && event.depth > 0) return; // its parent draws next
  last_draw_ = now;
  drawn_ = true;
  const std::string line = "\r" + format_progress_line(event, width_) + "\x1b[K";
  std::fputs(line.c_str(), out_);
  std::fflush(out_);
}

void TerminalProgressSink::finish() {
  if (!drawn_) return;
  std::fputs("\r\x1b[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

void JsonProgressSink::on_event(const ProgressEvent& event) {
  const std::string line = progress_event_json(event) + "\n";
  std::fputs(line.c_str(), out_);
  std::fflush(out_);
}

} // namespace zonepath
