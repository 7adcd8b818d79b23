// Which importer reads an input: a table of recognisers, asked in order, each looking at the
// same sniff of the file (its shape: JSON, XML or text, the parsed JSON root, the XML root
// element, the CSV header). An input that no recogniser claims is refused with its signature
// ("XML document, root element <pfsense>") instead of being read as something it is not.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/interchange/import_csv.hpp"

namespace zonepath::interchange {

enum class ImportKind { Auto, Inventory, Csaf, Rules, Iptables, Pfsense, Nftables, Nmap };
// "inventory", "csaf", "rules", "iptables", "pfsense", "nftables", "nmap"; Auto -> "auto".
const char* to_string(ImportKind kind);
// Throws Error for an unknown name.
ImportKind parse_import_kind(const std::string& name);

enum class InputShape { Empty, Json, Xml, Text };

// What an input looks like, worked out once for every recogniser.
struct InputSniff {
  std::string path;
  const std::string* text = nullptr;
  InputShape shape = InputShape::Empty;
  nlohmann::json json;         // the root when shape == Json (null otherwise)
  std::string xml_root;        // root element name when shape == Xml ("pfsense", "NessusClientData_v2")
  std::optional<CsvTable> csv; // header (and rows) when the text parses as CSV
  std::string signature;       // for messages: "XML document, root element <pfsense>"
  // Headers the user mapped with --column FIELD=HEADER: a CSV that has one of them is an
  // inventory even when its header names are not the usual ones.
  std::vector<std::string> inventory_headers;
};

// Reads the shape of `text`. Throws ParseError (file, line, column) when the text starts like
// JSON but is malformed.
InputSniff sniff_input(const std::string& path, const std::string& text);

struct InputRecogniser {
  ImportKind kind;
  const char* what; // "CSAF 2.0 advisory (JSON with document.csaf_version)", for messages and docs
  bool (*matches)(const InputSniff&);
};
// In the order they are asked; the first that matches decides. New formats add a row.
const std::vector<InputRecogniser>& input_recognisers();

// The kind of the input by content. Throws ParseError "unknown input kind" with the detected
// signature and the supported kinds when no recogniser claims it.
ImportKind detect_import_kind(const std::string& path, const std::string& text,
                              const std::vector<std::string>& inventory_headers = {});
// A kind forced with --kind: throws ParseError when the input's shape cannot be that kind
// (an XML file forced as an inventory CSV, ...).
void check_forced_kind(ImportKind kind, const std::string& path, const std::string& text);

} // namespace zonepath::interchange
