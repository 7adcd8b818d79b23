// Zeek conn.log, as Zeek and Malcolm write it from a SPAN port: the TSV format with its header
// lines (#separator, #set_separator, #empty_field, #unset_field, #path, #fields, #types; `-`
// unset, `(empty)` empty; several logs concatenated, each with its own header) or JSON lines
// (one object per connection, dotted "id.orig_h" keys or a nested "id" object, "ts" in epoch
// seconds or ISO 8601). Read as a stream: one connection at a time is handed to a callback, so
// a day of a plant's logs (millions of lines) needs memory for one line only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>

namespace zonepath::interchange {

enum class ConnLogFormat { Unknown, Tsv, Json };
std::string_view to_string(ConnLogFormat f); // "", "tsv", "json"

// One IPv4 TCP or UDP connection, as much of it as drift needs. Views are valid during the
// callback only.
struct ConnRecord {
  std::uint64_t line = 0;
  double ts = 0; // epoch seconds
  std::uint32_t orig_h = 0, resp_h = 0;
  std::uint16_t resp_p = 0;
  bool udp = false;            // else tcp
  std::string_view service;    // Zeek's protocol detection ("modbus", "ssl,http"); empty when unset
  std::string_view conn_state; // S0, SF, REJ, ...; empty when unset
  std::int64_t resp_pkts = -1; // -1 when unset or absent
};

struct ConnReadLimits {
  std::size_t max_line = std::size_t{1} << 20; // a longer line is not a connection record
};

struct ConnReadStats {
  ConnLogFormat format = ConnLogFormat::Unknown;
  std::uint64_t lines = 0;           // all lines, headers and blank lines included
  std::uint64_t records = 0;         // IPv4 TCP/UDP connections passed to the callback
  std::uint64_t ipv6 = 0;            // connections between IPv6 addresses (not modelled)
  std::uint64_t other_transport = 0; // icmp, unknown_transport
  std::uint64_t other_logs = 0;      // JSON lines of another log ("_path" other than conn)
};

// Streams `in` (named `name` in messages) and calls `sink` for every IPv4 TCP/UDP connection.
// Anything that is not a well-formed conn.log line throws ParseError naming the file, line,
// column and field (TSV: the #fields name; JSON: the pointer) and the offending value: a record
// before any #fields header, a #path other than conn, a #fields without ts, id.orig_h,
// id.resp_h, id.resp_p or proto, a wrong number of fields, a value of the wrong type, a line
// longer than the limit. Exceptions thrown by `sink` pass through.
ConnReadStats read_zeek_conn(std::istream& in, const std::string& name,
                             const std::function<void(const ConnRecord&)>& sink,
                             const ConnReadLimits& limits = {});

// "2024-03-12T10:02:11.5Z", "2024-03-12T10:02:11+01:00" -> epoch seconds; false when the text
// is not such an ISO 8601 date and time.
bool parse_iso8601(std::string_view text, double& epoch);

} // namespace zonepath::interchange
