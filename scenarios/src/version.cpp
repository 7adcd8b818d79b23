// The scenarios module grows with the what-if issue; this keeps the library non-empty.
namespace zonepath::scenarios {
const char* module_name() { return "scenarios"; }
} // namespace zonepath::scenarios
