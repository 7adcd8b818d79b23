// One running computation per browser tab: starting a new one cancels the one the tab is still
// waiting for, since the newer edit supersedes it (its answer would be thrown away).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "zonepath/core/cancel.hpp"

namespace zonepath::serve::detail {

class Superseding {
public:
  // Owns a computation's token while it runs; unregisters it when done.
  class Slot {
  public:
    Slot(Superseding& owner, std::string client, std::shared_ptr<CancelToken> token)
        : owner_(owner), client_(std::move(client)), token_(std::move(token)) {}
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { owner_.finish(client_, token_); }
    const CancelToken* token() const { return token_.get(); }

  private:
    Superseding& owner_;
    std::string client_;
    std::shared_ptr<CancelToken> token_;
  };

  // `client` names the tab (the app sends a random id); "" shares one slot per route.
  Slot start(const std::string& client) {
    auto token = std::make_shared<CancelToken>();
    std::lock_guard lock(mutex_);
    auto& current = running_[client];
    if (current) current->cancel();
    current = token;
    return Slot(*this, client, token);
  }

  void cancel_all() {
    std::lock_guard lock(mutex_);
    for (auto& [client, token] : running_) token->cancel();
  }

private:
  void finish(const std::string& client, const std::shared_ptr<CancelToken>& token) {
    std::lock_guard lock(mutex_);
    auto it = running_.find(client);
    if (it != running_.end() && it->second == token) running_.erase(it);
  }

  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<CancelToken>> running_;
};

} // namespace zonepath::serve::detail
