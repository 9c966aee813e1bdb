import os

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

PRODUCTION = os.environ.get("APP_ENV") == "production"


async def login(request):
    body = await request.json()
    request.session.clear()
    request.session["user"] = body["name"]
    response = PlainTextResponse("welcome")
    response.set_cookie("remember_token", "t0ken", max_age=3600)
    return response


async def me(request):
    return JSONResponse({"user": request.session.get("user"),
                         "remembered": request.cookies.get("remember_token")})


app = Starlette(
    debug=not PRODUCTION,
    routes=[Route("/login", login, methods=["POST"]), Route("/me", me)],
    middleware=[Middleware(SessionMiddleware, secret_key=os.environ.get("SECRET_KEY", "dev"))],
)
