#include "zonepath/core/cancel.hpp"

namespace zonepath {

CancelToken& global_cancel_token() {
  static CancelToken token;
  return token;
}

} // namespace zonepath
