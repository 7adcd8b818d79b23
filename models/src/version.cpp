namespace zonepath::models {
const char* module_name() { return "models"; }
} // namespace zonepath::models
