from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def login(request):
    request.session.cycle_key()
    request.session["user"] = request.POST["name"]
    response = HttpResponse("welcome")
    response.set_cookie("remember_token", "t0ken", max_age=3600)
    return response


def me(request):
    return JsonResponse({"user": request.session.get("user"),
                         "remembered": request.COOKIES.get("remember_token")})
