#include "services.h"
#include <chrono>
#include <thread>
#include <unistd.h>

class FileSink : public Sink {
public:
  void flush() override { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }
};

class PipeSink : public Sink {
public:
  void flush() override { sleep(1); }
};

Sink &defaultSink() {
  static FileSink Sink;
  return Sink;
}
