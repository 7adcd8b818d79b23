// Pieces shared by the two dialects of the conn.log reader (zeek_conn.cpp: lines, headers and
// TSV records; zeek_conn_json.cpp: JSON lines): located errors and the checks every record
// goes through whichever way it was written.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "zonepath/interchange/zeek_conn.hpp"

namespace zonepath::interchange::zeek {

// Throws ParseError: file:line:column: field: message (value: ...).
[[noreturn]] void fail(const std::string& file, std::uint64_t line, std::size_t column,
                       const std::string& field, const std::string& message, std::string_view value);

bool to_double(std::string_view s, double& out);
// Epoch seconds of a Zeek timestamp: years 1970 to 9999.
bool valid_time(double ts);
bool to_int(std::string_view s, std::int64_t& out);

// The transports of Zeek's transport_proto enum.
enum class Proto { Tcp, Udp, Icmp, Unknown };
bool parse_proto(std::string_view s, Proto& out);

// Where a field sits, for messages: its name as the format spells it and its column.
struct Where {
  std::string field;
  std::size_t column = 1;
};

// One record's raw fields, checked by finish(): addresses (IPv4, or IPv6 which is counted and
// skipped), transport, port range. Delivers IPv4 TCP/UDP connections to the sink.
struct RawRecord {
  std::string_view orig_h, resp_h;
  std::int64_t resp_p = 0;
  Proto proto = Proto::Tcp;
  Where orig_where, resp_where, port_where;
};

struct Context {
  const std::string& name;
  const std::function<void(const ConnRecord&)>& sink;
  ConnReadStats& stats;
};

void finish(Context& ctx, const RawRecord& raw, ConnRecord& record);

// One JSON line (zeek_conn_json.cpp).
void json_line(Context& ctx, std::string_view line);

} // namespace zonepath::interchange::zeek
