// Streaming reader of Zeek conn.log: lines through a bounded window, the TSV header lines and
// records; JSON lines are in zeek_conn_json.cpp.
#include "zonepath/interchange/zeek_conn.hpp"

#include <charconv>
#include <cmath>
#include <vector>

#include "zeek_conn_internal.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_common.hpp"

namespace zonepath::interchange {

std::string_view to_string(ConnLogFormat f) {
  switch (f) {
  case ConnLogFormat::Tsv:
    return "tsv";
  case ConnLogFormat::Json:
    return "json";
  case ConnLogFormat::Unknown:
    break;
  }
  return "";
}

namespace zeek {

void fail(const std::string& file, std::uint64_t line, std::size_t column, const std::string& field,
          const std::string& message, std::string_view value) {
  Diagnostic d;
  d.file = file;
  d.line = static_cast<int>(line);
  d.column = static_cast<int>(column);
  d.pointer = field;
  d.message = message;
  // Logs are binary-safe: control bytes are shown escaped, long values cut.
  for (char c : value.substr(0, 80)) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      static const char* hex = "0123456789abcdef";
      d.value += "\\x";
      d.value += hex[u >> 4];
      d.value += hex[u & 15];
    } else {
      d.value += c;
    }
  }
  if (value.size() > 80) d.value += "...";
  if (value.empty()) d.value = "(empty)";
  throw ParseError(d);
}

bool to_double(std::string_view s, double& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
}

bool valid_time(double ts) {
  return ts >= 0 && ts < 253402300800.0;
}

bool to_int(std::string_view s, std::int64_t& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool parse_proto(std::string_view s, Proto& out) {
  if (s == "tcp")
    out = Proto::Tcp;
  else if (s == "udp")
    out = Proto::Udp;
  else if (s == "icmp")
    out = Proto::Icmp;
  else if (s == "unknown_transport")
    out = Proto::Unknown;
  else
    return false;
  return true;
}

namespace {

// Zeek writes IPv6 addresses unbracketed: hex digits, colons and (for mapped IPv4) dots.
bool looks_ipv6(std::string_view s) {
  if (s.find(':') == std::string_view::npos) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') return false;
  return true;
}

} // namespace

void finish(Context& ctx, const RawRecord& raw, ConnRecord& record) {
  auto o = parse_ipv4(raw.orig_h), d = parse_ipv4(raw.resp_h);
  bool v6 = false;
  if (!o) {
    if (!looks_ipv6(raw.orig_h))
      fail(ctx.name, record.line, raw.orig_where.column, raw.orig_where.field, "not an IP address",
           raw.orig_h);
    v6 = true;
  }
  if (!d) {
    if (!looks_ipv6(raw.resp_h))
      fail(ctx.name, record.line, raw.resp_where.column, raw.resp_where.field, "not an IP address",
           raw.resp_h);
    v6 = true;
  }
  if (raw.resp_p < 0 || raw.resp_p > 65535)
    fail(ctx.name, record.line, raw.port_where.column, raw.port_where.field, "not a port number 0..65535",
         std::to_string(raw.resp_p));
  if (v6) {
    ++ctx.stats.ipv6;
    return;
  }
  if (raw.proto != Proto::Tcp && raw.proto != Proto::Udp) {
    ++ctx.stats.other_transport;
    return;
  }
  record.orig_h = *o;
  record.resp_h = *d;
  record.resp_p = static_cast<std::uint16_t>(raw.resp_p);
  record.udp = raw.proto == Proto::Udp;
  ++ctx.stats.records;
  ctx.sink(record);
}

namespace {

// Lines of a stream through a window of at most the line limit plus one chunk, so memory stays
// bounded whatever the input.
class LineReader {
public:
  LineReader(std::istream& in, std::size_t max_line) : in_(in), max_(max_line) {}

  // The next line without its end of line; valid until the next call. False at the end;
  // `too_long` when the line exceeds the limit (the rest of the input is not read).
  bool next(std::string_view& line, bool& too_long) {
    too_long = false;
    for (;;) {
      std::size_t nl = buf_.find('\n', pos_);
      if (nl != std::string::npos || (eof_ && pos_ < buf_.size())) {
        std::size_t end = nl == std::string::npos ? buf_.size() : nl;
        line = std::string_view(buf_).substr(pos_, end - pos_);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos_ = nl == std::string::npos ? buf_.size() : nl + 1;
        too_long = line.size() > max_;
        return true;
      }
      if (eof_) return false;
      if (buf_.size() - pos_ > max_) {
        line = std::string_view(buf_).substr(pos_, 80);
        too_long = true;
        return true;
      }
      buf_.erase(0, pos_);
      pos_ = 0;
      char chunk[1 << 16];
      in_.read(chunk, sizeof chunk);
      buf_.append(chunk, static_cast<std::size_t>(in_.gcount()));
      if (in_.gcount() == 0) eof_ = true;
    }
  }

private:
  std::istream& in_;
  std::size_t max_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
};

// "\x09" escapes of the #separator line.
std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    int v = 0;
    if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x') {
      auto r = std::from_chars(s.data() + i + 2, s.data() + i + 4, v, 16);
      if (r.ec == std::errc() && r.ptr == s.data() + i + 4) {
        out += static_cast<char>(v);
        i += 3;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// The TSV dialect: header lines set the separator, the unset and empty markers and the
// columns; each record is checked against them.
class TsvReader {
public:
  explicit TsvReader(Context& ctx) : ctx_(ctx) {}

  void header(std::string_view line, std::uint64_t no) {
    if (line.rfind("#separator ", 0) == 0) {
      std::string s = unescape(line.substr(11));
      if (s.size() != 1) fail(ctx_.name, no, 12, "#separator", "the separator must be one character", s);
      sep_ = s[0];
      return;
    }
    split(line);
    std::string_view key = parts_[0];
    std::string_view value = parts_.size() > 1 ? parts_[1] : std::string_view();
    if (key == "#unset_field")
      unset_ = std::string(value);
    else if (key == "#empty_field")
      empty_ = std::string(value);
    else if (key == "#path" && value.rfind("conn", 0) != 0)
      fail(ctx_.name, no, key.size() + 2, "#path", "this is not a conn.log (another Zeek log)", value);
    else if (key == "#fields")
      fields(no);
  }

  void record(std::string_view line, std::uint64_t no) {
    if (names_.empty())
      fail(ctx_.name, no, 1, "", "a record before any #fields header: not a Zeek TSV conn.log", line);
    split(line);
    if (parts_.size() != names_.size()) {
      std::size_t column = parts_.size() > names_.size() ? offset(names_.size()) : line.size() + 1;
      fail(ctx_.name, no, column, "",
           std::to_string(parts_.size()) + " fields where #fields (line " + std::to_string(fields_line_) +
               ") names " + std::to_string(names_.size()),
           line.substr(0, 120));
    }
    ConnRecord r;
    r.line = no;
    RawRecord raw;
    std::string_view ts = required(cols_.ts, no);
    if (!to_double(ts, r.ts) || !valid_time(r.ts))
      fail(ctx_.name, no, offset(cols_.ts), "ts", "not a time in epoch seconds (1970 to 9999)", ts);
    raw.orig_h = required(cols_.orig_h, no);
    raw.resp_h = required(cols_.resp_h, no);
    raw.orig_where = where(cols_.orig_h);
    raw.resp_where = where(cols_.resp_h);
    raw.port_where = where(cols_.resp_p);
    std::string_view port = required(cols_.resp_p, no);
    if (!to_int(port, raw.resp_p) || raw.resp_p < 0 || raw.resp_p > 65535)
      fail(ctx_.name, no, offset(cols_.resp_p), "id.resp_p", "not a port number 0..65535", port);
    std::string_view proto = required(cols_.proto, no);
    if (!parse_proto(proto, raw.proto))
      fail(ctx_.name, no, offset(cols_.proto), "proto", "not a transport (tcp, udp, icmp, unknown_transport)",
           proto);
    r.service = optional(cols_.service);
    r.conn_state = optional(cols_.state);
    if (std::string_view p = optional(cols_.resp_pkts); !p.empty())
      if (!to_int(p, r.resp_pkts) || r.resp_pkts < 0)
        fail(ctx_.name, no, offset(cols_.resp_pkts), "resp_pkts", "not a packet count", p);
    finish(ctx_, raw, r);
  }

private:
  static constexpr std::size_t kAbsent = ~std::size_t{0};
  struct Columns {
    std::size_t ts = kAbsent, orig_h = kAbsent, resp_h = kAbsent, resp_p = kAbsent, proto = kAbsent,
                service = kAbsent, state = kAbsent, resp_pkts = kAbsent;
  };

  void split(std::string_view line) {
    parts_.clear();
    std::size_t start = 0;
    for (;;) {
      std::size_t at = line.find(sep_, start);
      parts_.push_back(
          line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
      if (at == std::string_view::npos) break;
      start = at + 1;
    }
  }

  void fields(std::uint64_t no) {
    cols_ = Columns{};
    names_.clear();
    for (std::size_t i = 1; i < parts_.size(); ++i) {
      std::string_view f = parts_[i];
      std::size_t c = i - 1;
      names_.emplace_back(f);
      if (f == "ts")
        cols_.ts = c;
      else if (f == "id.orig_h")
        cols_.orig_h = c;
      else if (f == "id.resp_h")
        cols_.resp_h = c;
      else if (f == "id.resp_p")
        cols_.resp_p = c;
      else if (f == "proto")
        cols_.proto = c;
      else if (f == "service")
        cols_.service = c;
      else if (f == "conn_state")
        cols_.state = c;
      else if (f == "resp_pkts")
        cols_.resp_pkts = c;
    }
    std::string missing;
    const std::pair<std::size_t, const char*> needed[] = {{cols_.ts, "ts"},
                                                          {cols_.orig_h, "id.orig_h"},
                                                          {cols_.resp_h, "id.resp_h"},
                                                          {cols_.resp_p, "id.resp_p"},
                                                          {cols_.proto, "proto"}};
    for (const auto& [col, field] : needed)
      if (col == kAbsent) missing += (missing.empty() ? "" : ", ") + std::string(field);
    if (!missing.empty()) {
      names_.clear();
      fail(ctx_.name, no, 1, "#fields", "no " + missing + " column: not a conn.log", "");
    }
    fields_line_ = no;
  }

  // 1-based column where field i starts in the last split line.
  std::size_t offset(std::size_t i) const {
    std::size_t col = 1;
    for (std::size_t k = 0; k < i && k < parts_.size(); ++k) col += parts_[k].size() + 1;
    return col;
  }
  Where where(std::size_t i) const { return {names_[i], offset(i)}; }

  std::string_view required(std::size_t i, std::uint64_t no) const {
    std::string_view v = parts_[i];
    if (v == unset_ || v == empty_) fail(ctx_.name, no, offset(i), names_[i], "required field is unset", v);
    return v;
  }
  std::string_view optional(std::size_t i) const {
    if (i == kAbsent) return {};
    std::string_view v = parts_[i];
    return v == unset_ || v == empty_ ? std::string_view() : v;
  }

  Context& ctx_;
  char sep_ = '\t';
  std::string unset_ = "-", empty_ = "(empty)";
  Columns cols_;
  std::vector<std::string> names_; // of the last #fields line; empty before one
  std::uint64_t fields_line_ = 0;
  std::vector<std::string_view> parts_;
};

} // namespace
} // namespace zeek

ConnReadStats read_zeek_conn(std::istream& in, const std::string& name,
                             const std::function<void(const ConnRecord&)>& sink,
                             const ConnReadLimits& limits) {
  ConnReadStats stats;
  zeek::Context ctx{name, sink, stats};
  zeek::TsvReader tsv(ctx);
  zeek::LineReader lines(in, limits.max_line);
  std::string_view line;
  bool too_long = false;
  while (lines.next(line, too_long)) {
    const std::uint64_t no = ++stats.lines;
    if (too_long)
      zeek::fail(name, no, limits.max_line + 1, "",
                 "line longer than " + std::to_string(limits.max_line) + " bytes: not a conn.log record",
                 line.substr(0, 80));
    if (line.empty()) continue;
    if (stats.format == ConnLogFormat::Unknown)
      stats.format = line[0] == '{' ? ConnLogFormat::Json : ConnLogFormat::Tsv;
    if (stats.format == ConnLogFormat::Json)
      zeek::json_line(ctx, line);
    else if (line[0] == '#')
      tsv.header(line, no);
    else
      tsv.record(line, no);
  }
  return stats;
}

} // namespace zonepath::interchange
