package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/credence-news/credence/internal/fetch"
)

// Error codes of the JSON API. They are stable: clients may switch on
// them. The message is for people and may change.
const (
	CodeBadRequest       = "bad_request"            // 400: a parameter or field is wrong
	CodeInvalidJSON      = "invalid_json"           // 400: the body is not the JSON object expected
	CodeEmptyText        = "empty_text"             // 400: no text and no URL
	CodeInvalidCursor    = "invalid_cursor"         // 400
	CodeUnauthorized     = "unauthorized"           // 401: API token missing or wrong
	CodeForbidden        = "forbidden"              // 403: cross-origin form post
	CodeFetchDisabled    = "fetch_disabled"         // 403: a URL given and fetching is off
	CodeNotFound         = "not_found"              // 404
	CodeMethodNotAllowed = "method_not_allowed"     // 405
	CodeBodyTooLarge     = "body_too_large"         // 413
	CodeUnsupportedMedia = "unsupported_media_type" // 415
	CodeUnprocessable    = "unprocessable"          // 422: input read but holds no article
	CodeFetchFailed      = "fetch_failed"           // 502: the URL could not be fetched
	CodeFetchBlocked     = "fetch_blocked"          // 400: the URL's address is not allowed
	CodeTimeout          = "timeout"                // 503: analysis took too long
	CodeUnavailable      = "unavailable"            // 503: shutting down or store down
	CodeInternal         = "internal"               // 500
)

// apiError is an error with its HTTP status and code.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.message }

func errorf(status int, code, format string, a ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, a...)}
}

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// toAPIError maps any error to what the client sees; errors that are not
// the client's fault keep their details out of the response.
func (s *Server) toAPIError(r *http.Request, err error) *apiError {
	var ae *apiError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &mbe):
		return errorf(http.StatusRequestEntityTooLarge, CodeBodyTooLarge, "request body over the %d-byte cap", mbe.Limit)
	case errors.Is(err, fetch.ErrBlocked):
		return errorf(http.StatusBadRequest, CodeFetchBlocked, "%v", err)
	case errors.Is(err, fetch.ErrBadURL):
		return errorf(http.StatusBadRequest, CodeBadRequest, "%v", err)
	case errors.Is(err, fetch.ErrContentType), errors.Is(err, fetch.ErrTooLarge), errors.Is(err, fetch.ErrRedirects),
		errors.Is(err, fetch.ErrStatus):
		return errorf(http.StatusBadGateway, CodeFetchFailed, "%v", err)
	case errors.Is(err, fetch.ErrNetwork):
		return errorf(http.StatusBadGateway, CodeFetchFailed, "%v", err)
	case errors.Is(err, errAnalyzeTimeout):
		return errorf(http.StatusServiceUnavailable, CodeTimeout, "analysis took too long")
	}
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	return errorf(http.StatusInternalServerError, CodeInternal, "internal error")
}

var (
	errAnalyzeTimeout = errors.New("analysis timed out")
)

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	ae := s.toAPIError(r, err)
	var body errorBody
	body.Error.Code = ae.code
	body.Error.Message = ae.message
	if ae.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="credence"`)
	}
	writeJSON(w, ae.status, &body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Only our own types are written; this would be a bug.
		http.Error(w, `{"error":{"code":"internal","message":"encode response"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte{'\n'})
}
