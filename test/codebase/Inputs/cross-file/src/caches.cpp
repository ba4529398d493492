#include "services.h"
#include <chrono>
#include <thread>

class DiskCache : public Cache {
public:
  int load(int Key) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(Key));
    return Key;
  }
};

class MemoryCache : public Cache {
public:
  int load(int Key) override { return Key * 2; }
};

Cache &defaultCache() {
  static MemoryCache Cache;
  return Cache;
}
