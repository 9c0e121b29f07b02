"""Django's Redis cache, keeping one Redis client per server instead of one per call,
and calling Redis only while the shared back-off (clinic.web.backoff) allows.

Django's RedisCacheClient builds a new `redis.Redis` for every cache call.
With redis-py 8 that costs about 0.13 ms of CPU (it fills a table of some
170 response callbacks), more than the GET itself; a guide page served from
the cache makes one such call. The client is a thin wrapper around the
connection pool, which Django already keeps, and is safe to share between
threads; the pool notices a fork and opens new connections in the child.

While the back-off lasts, every operation raises RedisBackingOff at once; a
connection error or time-out starts it. Callers treat both as "no cache".
"""

import functools

from django.core.cache.backends import redis
from redis.exceptions import ConnectionError, TimeoutError

from clinic.web.backoff import RedisBackingOff, redis_backing_off, redis_failed

_OPERATIONS = (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many",
    "delete_many", "clear",
)  # fmt: skip


def _behind_backoff(operation):
    @functools.wraps(operation)
    def call(self, *args, **kwargs):
        if redis_backing_off():
            raise RedisBackingOff(operation.__name__)
        try:
            return operation(self, *args, **kwargs)
        except (ConnectionError, TimeoutError):
            redis_failed(f"cache {operation.__name__}")
            raise

    return call


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = super().get_client(key, write=write)
        return self._clients[index]


# Every operation Django's client has, so no cache call can go round the back-off.
for _name in _OPERATIONS:
    setattr(RedisCacheClient, _name, _behind_backoff(getattr(redis.RedisCacheClient, _name)))


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
