// A small service layer: the functions are declared here and defined in
// other files of the project, which is what cross-file analysis is for.
#pragma once

struct Db {
  int query(int Fd); // defined in src/db.cpp: blocks on recv()
};

int retryQuery(Db &D, int Fd); // src/retry.cpp: calls Db::query
void audit(const char *What);  // src/log.cpp: blocks only on its fatal path

// Every implementation of Sink::flush found in the program blocks.
class Sink {
public:
  virtual ~Sink() = default;
  virtual void flush() = 0;
};
Sink &defaultSink();

// Only one implementation of Cache::load blocks.
class Cache {
public:
  virtual ~Cache() = default;
  virtual int load(int Key) = 0;
};
Cache &defaultCache();
