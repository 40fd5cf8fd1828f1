package kube

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"syscall"

	"github.com/mcgtui/mcgtui/internal/model"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

// Class is what kind of failure an API error is. Classification happens here, in the sources,
// so that every failure becomes a state the views can show instead of a crash.
type Class uint8

const (
	ClassNone Class = iota
	ClassUnreachable
	ClassTimeout
	ClassForbidden
	ClassUnauthorized
	ClassNotInstalled
	ClassOther
)

// Classify sorts an error from a list, watch or discovery call into a Class.
func Classify(err error) Class {
	switch {
	case err == nil:
		return ClassNone
	case apierrors.IsForbidden(err):
		return ClassForbidden
	case apierrors.IsUnauthorized(err):
		return ClassUnauthorized
	case apierrors.IsNotFound(err):
		return ClassNotInstalled
	case errors.Is(err, context.DeadlineExceeded), apierrors.IsTimeout(err), apierrors.IsServerTimeout(err), isNetTimeout(err):
		return ClassTimeout
	case isConnectionError(err):
		return ClassUnreachable
	}
	return ClassOther
}

func isNetTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isConnectionError(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	var urlErr *url.Error
	switch {
	case errors.As(err, &opErr), errors.As(err, &dnsErr),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EHOSTUNREACH):
		return true
	case errors.As(err, &urlErr):
		return true // the request never got an HTTP answer
	}
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "no such host") ||
		strings.Contains(msg, "EOF") || strings.Contains(msg, "tls:") || strings.Contains(msg, "x509:")
}

// StateFor turns a classified error into the source state shown to the user. synced says
// whether the source had delivered data before: a non-connection failure after that leaves the
// data in place but Stale.
func StateFor(err error, synced bool) model.SourceStatus {
	reason := shorten(err)
	switch Classify(err) {
	case ClassForbidden:
		return model.SourceStatus{State: model.StateForbidden, Reason: reason}
	case ClassUnauthorized:
		return model.SourceStatus{State: model.StateForbidden, Reason: "unauthorized (credentials rejected): " + reason}
	case ClassNotInstalled:
		return model.SourceStatus{State: model.StateNotInstalled, Reason: reason}
	case ClassTimeout:
		return model.SourceStatus{State: model.StateUnreachable, Reason: "timeout: " + reason}
	case ClassUnreachable:
		return model.SourceStatus{State: model.StateUnreachable, Reason: reason}
	}
	if synced {
		return model.SourceStatus{State: model.StateStale, Reason: reason}
	}
	return model.SourceStatus{State: model.StateUnreachable, Reason: reason}
}

// shorten keeps an error to one readable line: API status messages as they are, wrapped
// transport errors without the method and the request's URL. The URL (path and query string)
// would come first and fill a table cell before the cause ("connection refused") does, so only
// its server is kept, and only when the cause does not name it already.
func shorten(err error) string {
	var st apierrors.APIStatus
	if errors.As(err, &st) {
		if m := st.Status().Message; m != "" {
			return m
		}
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) && urlErr.Err != nil {
		cause := firstLine(urlErr.Err.Error())
		if u, perr := url.Parse(urlErr.URL); perr == nil && u.Host != "" && !strings.Contains(cause, u.Host) {
			return u.Host + ": " + cause
		}
		return cause
	}
	return firstLine(err.Error())
}

func firstLine(msg string) string {
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}
