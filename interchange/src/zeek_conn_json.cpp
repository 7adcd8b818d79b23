// Zeek conn.log as JSON lines (LogAscii::use_json, Malcolm's and Security Onion's format): one
// object per connection, unset fields left out, "id" fields dotted ("id.orig_h") or nested
// ({"id": {"orig_h": ...}}), "ts" in epoch seconds or ISO 8601 (LogAscii::json_timestamps).
#include <charconv>
#include <string>

#include <nlohmann/json.hpp>

#include "zeek_conn_internal.hpp"

namespace zonepath::interchange {

namespace zeek {

namespace {

using nlohmann::json;

// A field of the object: the dotted key, else the nested one. `where` names it as written.
const json* field(const json& j, std::string_view line, const char* dotted, const char* nested,
                  Where& where) {
  auto locate = [&](const std::string& key, const std::string& pointer) {
    std::size_t at = line.find("\"" + key + "\"");
    where = {pointer, at == std::string_view::npos ? 1 : at + 1};
  };
  if (auto it = j.find(dotted); it != j.end()) {
    locate(dotted, std::string("/") + dotted);
    return &*it;
  }
  if (nested)
    if (auto id = j.find("id"); id != j.end() && id->is_object())
      if (auto it = id->find(nested); it != id->end()) {
        locate(nested, std::string("/id/") + nested);
        return &*it;
      }
  locate(dotted, std::string("/") + dotted);
  return nullptr;
}

std::string_view text_of(const json& v) {
  return v.get_ref<const std::string&>();
}

} // namespace

void json_line(Context& ctx, std::string_view line) {
  const std::uint64_t no = ctx.stats.lines;
  json j;
  try {
    j = json::parse(line);
  } catch (const json::parse_error& e) {
    std::string why = e.what();
    if (auto at = why.find("]: "); at != std::string::npos) why = why.substr(at + 3);
    fail(ctx.name, no, e.byte == 0 ? 1 : e.byte, "", "not JSON: " + why, line.substr(0, 80));
  } catch (const json::exception& e) {
    // A well-formed number outside what a double holds (1e400) is out_of_range, not a parse error.
    std::string why = e.what();
    if (auto at = why.find("] "); at != std::string::npos) why = why.substr(at + 2);
    fail(ctx.name, no, 1, "", "not a usable JSON value: " + why, line.substr(0, 80));
  }
  if (!j.is_object())
    fail(ctx.name, no, 1, "", "a JSON line of conn.log must be an object", line.substr(0, 80));
  if (auto p = j.find("_path"); p != j.end() && p->is_string() && text_of(*p).rfind("conn", 0) != 0) {
    ++ctx.stats.other_logs;
    return;
  }
  ConnRecord r;
  r.line = no;
  RawRecord raw;
  Where w;
  auto need = [&](const char* dotted, const char* nested) -> const json& {
    const json* v = field(j, line, dotted, nested, w);
    if (!v || v->is_null()) fail(ctx.name, no, w.column, w.field, "required field is missing", "");
    return *v;
  };
  const json& ts = need("ts", nullptr);
  if (ts.is_number()) r.ts = ts.get<double>();
  if ((!ts.is_number() && (!ts.is_string() || !parse_iso8601(text_of(ts), r.ts))) || !valid_time(r.ts))
    fail(ctx.name, no, w.column, w.field, "not a time (epoch seconds or ISO 8601, 1970 to 9999)", ts.dump());
  const json& orig = need("id.orig_h", "orig_h");
  raw.orig_where = w;
  if (!orig.is_string()) fail(ctx.name, no, w.column, w.field, "not an IP address", orig.dump());
  raw.orig_h = text_of(orig);
  const json& resp = need("id.resp_h", "resp_h");
  raw.resp_where = w;
  if (!resp.is_string()) fail(ctx.name, no, w.column, w.field, "not an IP address", resp.dump());
  raw.resp_h = text_of(resp);
  const json& port = need("id.resp_p", "resp_p");
  raw.port_where = w;
  if (!port.is_number_integer() || port.get<std::int64_t>() < 0 || port.get<std::int64_t>() > 65535)
    fail(ctx.name, no, w.column, w.field, "not a port number 0..65535", port.dump());
  raw.resp_p = port.get<std::int64_t>();
  const json& proto = need("proto", nullptr);
  if (!proto.is_string() || !parse_proto(text_of(proto), raw.proto))
    fail(ctx.name, no, w.column, w.field, "not a transport (tcp, udp, icmp, unknown_transport)",
         proto.dump());
  auto text = [&](const char* key) -> std::string_view {
    const json* v = field(j, line, key, nullptr, w);
    if (!v || v->is_null()) return {};
    if (!v->is_string()) fail(ctx.name, no, w.column, w.field, "not a string", v->dump());
    return text_of(*v);
  };
  r.service = text("service");
  r.conn_state = text("conn_state");
  if (const json* p = field(j, line, "resp_pkts", nullptr, w); p && !p->is_null()) {
    if (!p->is_number_integer() || p->get<std::int64_t>() < 0)
      fail(ctx.name, no, w.column, w.field, "not a packet count", p->dump());
    r.resp_pkts = p->get<std::int64_t>();
  }
  finish(ctx, raw, r);
}

} // namespace zeek

bool parse_iso8601(std::string_view t, double& epoch) {
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    if (at + len > t.size()) return false;
    auto r = std::from_chars(t.data() + at, t.data() + at + len, out);
    return r.ec == std::errc() && r.ptr == t.data() + at + len && t[at] != '-' && t[at] != '+';
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (t.size() < 19 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') || t[13] != ':' ||
      t[16] != ':' || !num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
      !num(17, 2, s) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
    return false;
  std::size_t i = 19;
  double frac = 0;
  if (i < t.size() && t[i] == '.') {
    std::size_t j = i + 1;
    while (j < t.size() && t[j] >= '0' && t[j] <= '9') ++j;
    if (j == i + 1 || j - i > 16) return false;
    std::string digits("0");
    digits.append(t.substr(i, j - i));
    if (!zeek::to_double(digits, frac)) return false;
    i = j;
  }
  int offset = 0;
  if (i < t.size() && t[i] == 'Z') {
    ++i;
  } else if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
    int oh = 0, om = 0;
    if (t.size() != i + 6 || t[i + 3] != ':' || !num(i + 1, 2, oh) || !num(i + 4, 2, om) || oh > 23 ||
        om > 59)
      return false;
    offset = (t[i] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    i += 6;
  }
  if (i != t.size()) return false;
  // Days from the civil date (proleptic Gregorian), after H. Hinnant's days_from_civil.
  const int yy = y - (mo <= 2);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const auto yoe = static_cast<unsigned>(yy - era * 400);
  const unsigned doy =
      (153u * static_cast<unsigned>(mo + (mo > 2 ? -3 : 9)) + 2u) / 5u + static_cast<unsigned>(d) - 1u;
  const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
  const long long days = static_cast<long long>(era) * 146097 + static_cast<long long>(doe) - 719468;
  epoch = static_cast<double>(days * 86400 + h * 3600 + mi * 60 + s - offset) + frac;
  return true;
}

} // namespace zonepath::interchange
